package dev.strata.domain.sessions.port;

import dev.strata.domain.sessions.RateLimitPolicy;
import java.util.Optional;

/** Driven port: a tenant's own rate-limit policies (durable). Works inside the current tenant context. */
public interface RateLimitPolicies {
    /** Creates or replaces the policy of that name. */
    void save(RateLimitPolicy policy);

    Optional<RateLimitPolicy> find(String name);
}

package dev.strata.domain.ratelimits.port;

import dev.strata.domain.ratelimits.RateLimitPolicy;
import java.util.Optional;

/** Driven port: a tenant's own rate-limit policies (durable). Works inside the current tenant context. */
public interface RateLimitPolicies {
    /** Creates or replaces the policy of that name. */
    void save(RateLimitPolicy policy);

    /**
     * As {@link #save(RateLimitPolicy)}, but a policy new to the tenant is refused with
     * {@link dev.strata.domain.shared.QuotaExceededException} while the tenant holds {@code quota.limit()}
     * policies, exactly across instances (replacing an existing one is always allowed).
     */
    void save(RateLimitPolicy policy, dev.strata.domain.shared.Quota quota);

    Optional<RateLimitPolicy> find(String name);
}

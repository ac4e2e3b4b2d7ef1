package dev.strata.domain.ratelimits.port;

import dev.strata.domain.ratelimits.RateDecision;
import dev.strata.domain.ratelimits.RateLimitPolicy;

/**
 * Driven port: atomic rate-limit decisions shared by every instance (Redis, one script per decision,
 * with the store's own clock). Works inside the current tenant context; throws
 * {@link dev.strata.domain.shared.StoreUnavailableException} when it cannot decide.
 */
public interface RateLimiter {
    /** Consumes {@code cost} units of {@code key} under {@code policy} when they are available. */
    RateDecision consume(RateLimitPolicy policy, String key, int cost);
}

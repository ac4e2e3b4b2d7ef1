package dev.strata.domain.ratelimits.port;

import dev.strata.domain.ratelimits.RateDecision;
import dev.strata.domain.ratelimits.RateLimitPolicy;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Driven port: atomic rate-limit decisions shared by every instance (Redis, one script per decision,
 * with the store's own clock). Works inside the current tenant context; throws
 * {@link dev.strata.domain.shared.StoreUnavailableException} when it cannot decide.
 */
public interface RateLimiter {
    /** Consumes {@code cost} units of {@code key} under {@code policy} when they are available. */
    RateDecision consume(RateLimitPolicy policy, String key, int cost);

    /**
     * The same decision as {@link #consume}, without blocking the calling thread: the stage completes when the
     * store has answered (with {@link dev.strata.domain.shared.StoreUnavailableException} when it cannot decide).
     * Empty when the decision cannot even start without blocking (not connected yet): then call {@link #consume}.
     * Called inside the tenant context, like {@link #consume}; the stage may complete on another thread.
     */
    default Optional<CompletionStage<RateDecision>> consumeWithoutBlocking(RateLimitPolicy policy, String key, int cost) {
        return Optional.empty();
    }
}

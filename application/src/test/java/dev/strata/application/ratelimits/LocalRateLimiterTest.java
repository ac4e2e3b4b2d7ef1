package dev.strata.application.ratelimits;

import dev.strata.domain.ratelimits.RateLimiterContract;
import dev.strata.domain.ratelimits.port.RateLimiter;
import dev.strata.domain.shared.Clock;

/** The rate-limiter contract for the per-instance fallback limiter. */
class LocalRateLimiterTest extends RateLimiterContract {
    @Override
    protected RateLimiter createSubject() {
        return new LocalRateLimiter(Clock.system(), 10_000);
    }
}

package dev.strata.application.sessions.port;

import dev.strata.domain.sessions.RateDecision;
import dev.strata.domain.sessions.RateLimitPolicy;

/**
 * Use case: rate limits — the tenant's policies (configured defaults, overridden per tenant) and
 * decisions, exact across instances through Redis, per instance while Redis is down.
 */
public interface RateLimitUseCase {
    RateLimitPolicy configure(ConfigureRateLimitCommand command);

    /** A decision; throws {@link dev.strata.domain.shared.NotFoundException} for an unknown policy. */
    RateDecision consume(ConsumeRateLimitCommand command);

    /** Strata's own guard of login and register: policy {@code auth} per client address, across tenants. */
    RateDecision consumeAuth(String clientAddress);
}

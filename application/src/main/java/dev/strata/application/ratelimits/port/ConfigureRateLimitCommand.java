package dev.strata.application.ratelimits.port;

import dev.strata.domain.ratelimits.RateLimitPolicy;
import java.util.Objects;

/** Command: create or replace one of the tenant's rate-limit policies. */
public record ConfigureRateLimitCommand(RateLimitPolicy policy) {
    public ConfigureRateLimitCommand {
        Objects.requireNonNull(policy, "policy must not be null");
    }
}

package dev.strata.adapters.http.ratelimits;

import dev.strata.domain.ratelimits.RateLimitAlgorithm;
import dev.strata.domain.ratelimits.RateLimitPolicy;
import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * A configured rate-limit policy ({@code strata.rate-limits.policies.<name>.limit|window-seconds|algorithm}),
 * the default of every tenant until the tenant sets its own with {@code PUT /v1/rate-limits/{name}}.
 */
@EachProperty("strata.rate-limits.policies")
public record RateLimitPolicySettings(@Parameter String name,
                                      @Bindable(defaultValue = "60") int limit,
                                      @Bindable(defaultValue = "60") int windowSeconds,
                                      @Bindable(defaultValue = "sliding-window") String algorithm) {
    public RateLimitPolicy toPolicy() {
        return new RateLimitPolicy(name, limit, windowSeconds, RateLimitAlgorithm.fromWire(algorithm));
    }
}

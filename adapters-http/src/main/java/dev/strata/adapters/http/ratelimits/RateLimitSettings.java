package dev.strata.adapters.http.ratelimits;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Rate-limit settings ({@code strata.rate-limits.*}); the policies themselves are
 * {@link RateLimitPolicySettings}.
 *
 * @param policyCacheTtl how long an instance trusts a tenant policy it read (5s): a PUT reaches other instances within it
 * @param localMaxKeys   keys the per-instance fallback limiter tracks while Redis is down (100000)
 */
@ConfigurationProperties("strata.rate-limits")
public record RateLimitSettings(@Bindable(defaultValue = "5s") Duration policyCacheTtl,
                                @Bindable(defaultValue = "100000") int localMaxKeys) {
}

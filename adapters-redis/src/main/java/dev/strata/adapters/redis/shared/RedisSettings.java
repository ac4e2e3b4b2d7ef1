package dev.strata.adapters.redis.shared;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Settings of Strata's Redis connection ({@code strata.redis.*}); the address itself is the
 * standard {@code redis.uri}.
 *
 * @param commandTimeout longest wait for one command before Redis counts as failing (500ms)
 * @param connectTimeout longest wait for a connection (500ms)
 * @param retryAfter     how long the circuit stays open after a failure before Redis is tried again (1s)
 */
@ConfigurationProperties("strata.redis")
public record RedisSettings(@Bindable(defaultValue = "500ms") Duration commandTimeout,
                            @Bindable(defaultValue = "500ms") Duration connectTimeout,
                            @Bindable(defaultValue = "1s") Duration retryAfter) {
}

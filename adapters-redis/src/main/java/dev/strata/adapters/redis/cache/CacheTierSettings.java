package dev.strata.adapters.redis.cache;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Settings of the cache tiers that live in this module ({@code strata.cache.*}).
 *
 * @param leaseTtl     how long a lease stays valid (10s)
 * @param maxStaleness the promised bound between a write and every instance dropping its L1 copy (100ms);
 *                     the lag metric is what shows it is kept
 * @param l1MaxEntries the most entries the in-process tier holds, over all tenants and namespaces (100000)
 * @param l1MaxBytes   the most bytes (keys and values) the in-process tier holds (64MB)
 */
@ConfigurationProperties("strata.cache")
public record CacheTierSettings(@Bindable(defaultValue = "10s") Duration leaseTtl,
                                @Bindable(defaultValue = "100ms") Duration maxStaleness,
                                @Bindable(defaultValue = "100000") long l1MaxEntries,
                                @Bindable(defaultValue = "67108864") long l1MaxBytes) {
}

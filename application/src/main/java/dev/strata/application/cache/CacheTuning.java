package dev.strata.application.cache;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the cache engine.
 *
 * @param leaseTtl        how long a lease stays valid ({@code strata.cache.lease-ttl}, 10s)
 * @param settingsTtl     how long an instance trusts its copy of a namespace's settings without an invalidation (30s)
 * @param repairInterval  how often invalidations that could not reach Redis are retried (250ms)
 */
public record CacheTuning(Duration leaseTtl, Duration settingsTtl, Duration repairInterval) {
    public CacheTuning {
        Objects.requireNonNull(leaseTtl, "leaseTtl must not be null");
        Objects.requireNonNull(settingsTtl, "settingsTtl must not be null");
        Objects.requireNonNull(repairInterval, "repairInterval must not be null");
        if (leaseTtl.isNegative() || leaseTtl.isZero() || repairInterval.isNegative() || repairInterval.isZero()) {
            throw new IllegalArgumentException("leaseTtl and repairInterval must be positive");
        }
    }

    public static CacheTuning defaults() {
        return new CacheTuning(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMillis(250));
    }
}

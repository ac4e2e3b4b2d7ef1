package dev.strata.adapters.redis.cache;

import dev.strata.domain.cache.CacheTier;
import dev.strata.domain.cache.port.CacheMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.util.Locale;

/**
 * Micrometer adapter for {@link CacheMetrics}: {@code strata_cache_requests_total{tier,result}}. Every
 * counter is registered up front, so recording a hit is one array read and one add.
 */
@Singleton
public class MicrometerCacheMetrics implements CacheMetrics {
    private final Counter[][] counters = new Counter[CacheTier.values().length][Result.values().length];

    public MicrometerCacheMetrics(MeterRegistry registry) {
        for (CacheTier tier : CacheTier.values()) {
            for (Result result : Result.values()) {
                counters[tier.ordinal()][result.ordinal()] = Counter.builder("strata.cache.requests")
                        .description("Cache lookups per tier and result")
                        .tag("tier", tier.name())
                        .tag("result", result.name().toLowerCase(Locale.ROOT))
                        .register(registry);
            }
        }
    }

    @Override
    public void record(CacheTier tier, Result result) {
        counters[tier.ordinal()][result.ordinal()].increment();
    }
}

package dev.strata.domain.cache.port;

import dev.strata.domain.cache.CacheTier;

/** Driven port: counts cache lookups per tier and result (Prometheus {@code strata_cache_requests_total}). */
public interface CacheMetrics {
    /** What one look at one tier gave. */
    enum Result {
        HIT, MISS, BYPASS, ERROR
    }

    void record(CacheTier tier, Result result);

    /** Metrics that go nowhere (tests, tools). */
    static CacheMetrics none() {
        return (tier, result) -> {
        };
    }
}

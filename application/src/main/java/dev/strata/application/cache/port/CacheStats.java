package dev.strata.application.cache.port;

import dev.strata.domain.cache.CacheTier;
import java.util.Map;

/** Result: hits and misses per tier (this instance, since start), overall hit rate and entries now held in L1. */
public record CacheStats(Map<CacheTier, Long> hits, Map<CacheTier, Long> misses, double hitRate, long l1Size) {
    public CacheStats {
        hits = Map.copyOf(hits);
        misses = Map.copyOf(misses);
    }
}

package dev.strata.adapters.http.cache;

import dev.strata.application.cache.port.CacheStats;
import dev.strata.domain.cache.CacheTier;
import dev.strata.domain.shared.ResourceName;
import io.micronaut.serde.annotation.Serdeable;
import java.util.LinkedHashMap;
import java.util.Map;

/** Response of {@code GET /v1/cache/{ns}/stats}: this instance's hits and misses per tier, hit rate and L1 size. */
@Serdeable
public record CacheStatsResponse(String namespace, Map<String, Long> hits, Map<String, Long> misses, double hitRate, long l1Size) {

    /** The statistics of {@code namespace}, hits and misses by tier name in tier order. */
    static CacheStatsResponse of(ResourceName namespace, CacheStats stats) {
        Map<String, Long> hits = new LinkedHashMap<>();
        Map<String, Long> misses = new LinkedHashMap<>();
        for (CacheTier tier : CacheTier.values()) {
            hits.put(tier.name(), stats.hits().get(tier));
            misses.put(tier.name(), stats.misses().get(tier));
        }
        return new CacheStatsResponse(namespace.value(), hits, misses, stats.hitRate(), stats.l1Size());
    }
}

package dev.strata.adapters.http.cache;

import io.micronaut.serde.annotation.Serdeable;
import java.util.Map;

/** Response of {@code GET /v1/cache/{ns}/stats}: this instance's hits and misses per tier, hit rate and L1 size. */
@Serdeable
public record CacheStatsResponse(String namespace, Map<String, Long> hits, Map<String, Long> misses, double hitRate, long l1Size) {
}

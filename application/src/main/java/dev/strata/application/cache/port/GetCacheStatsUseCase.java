package dev.strata.application.cache.port;

/** Use case: this instance's hits and misses per tier of a namespace, its hit rate and L1 size. */
public interface GetCacheStatsUseCase {
    CacheStats stats(GetCacheStatsQuery query);
}

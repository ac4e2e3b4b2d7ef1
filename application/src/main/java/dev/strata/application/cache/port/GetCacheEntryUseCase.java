package dev.strata.application.cache.port;

/** Use case: read one key through the tiers (L1, L2, L3), optionally taking a lease or waiting for a fill on a miss. */
public interface GetCacheEntryUseCase {
    CacheLookup get(GetCacheEntryQuery query);
}

package dev.strata.application.cache.port;

/**
 * Use case: read one key through the tiers (L1, L2, L3), optionally taking a lease or waiting for a fill on a
 * miss. May block; {@link PeekCacheEntryUseCase} is the look that never does.
 */
public interface GetCacheEntryUseCase {
    CacheLookup get(GetCacheEntryQuery query);
}

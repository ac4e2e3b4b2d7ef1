package dev.strata.application.cache.port;

import dev.strata.domain.cache.CacheKey;
import java.util.Optional;

/** Use case: read one key through the tiers (L1, L2, L3), optionally taking a lease or waiting for a fill on a miss. */
public interface GetCacheEntryUseCase {
    CacheLookup get(GetCacheEntryQuery query);

    /**
     * The L1 hit for {@code key} when this instance can answer from memory alone (the namespace's settings
     * are held, L1 may be trusted and holds a live entry); empty otherwise, and then {@link #get} decides.
     * Never touches a store and never blocks, so it may run on an event-loop thread. A hit is counted; a
     * miss is not (the {@link #get} that follows counts it).
     */
    default Optional<CacheLookup.Hit> getFromMemory(CacheKey key) {
        return Optional.empty();
    }
}

package dev.strata.application.cache.port;

import dev.strata.domain.cache.CacheKey;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

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
        return getFromMemory(key, Integer.MAX_VALUE);
    }

    /**
     * As {@link #getFromMemory(CacheKey)}, for a caller that can serve values of at most {@code maxBytes}
     * only: a larger value is left to {@link #get} (and not counted here, so it is counted once).
     */
    default Optional<CacheLookup.Hit> getFromMemory(CacheKey key, int maxBytes) {
        return Optional.empty();
    }

    /**
     * The hit for {@code key} when this instance can answer without blocking a thread: from L1 as
     * {@link #getFromMemory}, else from L2 by a non-blocking read (whose answer may arrive on the store's own
     * I/O thread). Empty when neither has it or they cannot be asked now; {@link #get} then decides (and
     * counts the miss). May run on an event-loop thread.
     */
    default CompletionStage<Optional<CacheLookup.Hit>> getWithoutBlocking(CacheKey key) {
        return CompletableFuture.completedFuture(getFromMemory(key));
    }
}

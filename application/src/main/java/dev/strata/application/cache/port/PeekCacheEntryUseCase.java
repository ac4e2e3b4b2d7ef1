package dev.strata.application.cache.port;

import dev.strata.domain.cache.CacheKey;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Use case: a look at one key that never blocks the calling thread (memory, or a non-blocking read of L2),
 * for callers on an event loop; whatever it cannot answer is left to {@link GetCacheEntryUseCase#get}.
 */
public interface PeekCacheEntryUseCase {
    /**
     * The L1 hit for {@code key} when this instance can answer from memory alone (the namespace's settings
     * are held, L1 may be trusted and holds a live entry); empty otherwise, and then
     * {@link GetCacheEntryUseCase#get} decides. Never touches a store and never blocks, so it may run on an
     * event-loop thread. A hit is counted; a miss is not (the {@code get} that follows counts it).
     */
    default Optional<CacheLookup.Hit> getFromMemory(CacheKey key) {
        return getFromMemory(key, Integer.MAX_VALUE);
    }

    /**
     * As {@link #getFromMemory(CacheKey)}, for a caller that can serve values of at most {@code maxBytes}
     * only: a larger value is left to {@link GetCacheEntryUseCase#get} (and not counted here, so it is
     * counted once).
     */
    Optional<CacheLookup.Hit> getFromMemory(CacheKey key, int maxBytes);

    /**
     * The hit for {@code key} when this instance can answer without blocking a thread: from L1 as
     * {@link #getFromMemory}, else from L2 by a non-blocking read (whose answer may arrive on the store's own
     * I/O thread). Empty when neither has it or they cannot be asked now; {@link GetCacheEntryUseCase#get}
     * then decides (and counts the miss). May run on an event-loop thread.
     */
    CompletionStage<Optional<CacheLookup.Hit>> getWithoutBlocking(CacheKey key);
}

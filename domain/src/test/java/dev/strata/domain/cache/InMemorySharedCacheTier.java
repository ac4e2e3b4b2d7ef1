package dev.strata.domain.cache;

import dev.strata.domain.cache.port.SharedCacheTier;
import dev.strata.domain.shared.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * In-memory fake of {@link SharedCacheTier}: the store fake, whose guarded writes check and move the stamps
 * of the leases fake it is built with. Thread-safe.
 */
public final class InMemorySharedCacheTier extends InMemoryCacheStore implements SharedCacheTier {
    private final InMemoryCacheLeases stamps;

    public InMemorySharedCacheTier(Clock clock, InMemoryCacheLeases stamps) {
        super(clock);
        this.stamps = stamps;
    }

    @Override
    public CompletionStage<Optional<CacheEntry>> getAsync(CacheKey key) {
        try {
            return CompletableFuture.completedFuture(get(key));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public boolean putUnlessChangedSince(CacheEntry entry, FillStamp since) {
        // one lock order everywhere: the stamps, then this store
        synchronized (stamps) {
            synchronized (this) {
                if (stamps.advanceIfUnchanged(entry.key(), since)) {
                    put(entry);
                    return true;
                }
                delete(entry.key());
                return false;
            }
        }
    }
}

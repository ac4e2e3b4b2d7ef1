package dev.strata.domain.cache.port;

import dev.strata.domain.cache.CacheEntry;
import dev.strata.domain.cache.CacheKey;
import dev.strata.domain.cache.FillStamp;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Driven port: the shared tier above the durable one (L2, Redis), a {@link CacheStore} with the two
 * abilities only that tier has: a read that does not block the calling thread, and the write guarded by a
 * {@link FillStamp} that keeps it from holding what the durable tier does not.
 */
public interface SharedCacheTier extends CacheStore {
    /**
     * {@link #get} without blocking the calling thread; the stage may complete on the store's own I/O
     * thread, outside any tenant context, and fails with
     * {@link dev.strata.domain.shared.StoreUnavailableException} on a fault.
     */
    CompletionStage<Optional<CacheEntry>> getAsync(CacheKey key);

    /**
     * Stores the entry only if no write or invalidation touched its key since {@code since} was taken
     * ({@link FillStamps#stamp}), and otherwise removes whatever is under the key, so that writers racing
     * through L3 and L2 in different orders never leave L2 holding what L3 does not. Either way the key's
     * stamp moves on, so a concurrent writer or filler holding an older stamp is refused; leases are left
     * alone. Atomic. True when stored.
     */
    boolean putUnlessChangedSince(CacheEntry entry, FillStamp since);
}

package dev.strata.domain.cache.port;

import dev.strata.domain.cache.CacheEntry;
import dev.strata.domain.cache.CacheKey;
import dev.strata.domain.cache.ETag;
import dev.strata.domain.cache.FillStamp;
import dev.strata.domain.cache.Tag;
import dev.strata.domain.shared.ResourceName;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Driven port: one shared cache tier (Redis as L2, Postgres as L3). Every method works inside the
 * current {@link dev.strata.domain.shared.TenantContext} and never sees another tenant's entries.
 * An entry whose {@code expiresAt} has passed is never returned. Faults of the backing store surface
 * as {@link dev.strata.domain.shared.StoreUnavailableException}.
 */
public interface CacheStore {
    /** The live entry under {@code key}, bytes exactly as stored. */
    Optional<CacheEntry> get(CacheKey key);

    /**
     * {@link #get} without blocking the calling thread, for stores that can (Redis); the stage may complete
     * on the store's own I/O thread, outside any tenant context, and fails with
     * {@link dev.strata.domain.shared.StoreUnavailableException} on a fault. The default answers
     * synchronously, so callers on an event loop use it only with stores that override it.
     */
    default CompletionStage<Optional<CacheEntry>> getAsync(CacheKey key) {
        try {
            return CompletableFuture.completedFuture(get(key));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** The live entries among {@code keys}; a missing or expired key is simply absent from the map. */
    Map<CacheKey, CacheEntry> getAll(Collection<CacheKey> keys);

    /** Stores the entry under its key, replacing whatever was there (value, ETag, expiry and tags). */
    void put(CacheEntry entry);

    /**
     * Stores the entry only if no live entry is under its key (filling a tier from the one below must never
     * overwrite a newer write). False, and nothing stored, when a live entry is there.
     */
    boolean putIfAbsent(CacheEntry entry);

    /**
     * Stores the entry only if a live entry with ETag {@code expected} is there now, atomically
     * ({@code If-Match}). False, and nothing stored, when the key is missing, expired or has another ETag.
     */
    boolean putIfMatch(CacheEntry entry, ETag expected);

    /**
     * The write of the shared tier above the durable one (L2 over L3): stores the entry only if no write or
     * invalidation touched its key since {@code since} was taken ({@link CacheLeases#stamp}), and otherwise
     * removes whatever is under the key, so that writers racing through L3 and L2 in different orders never
     * leave L2 holding what L3 does not. Either way the key's stamp moves on, so a concurrent writer or filler
     * holding an older stamp is refused; leases are left alone. Atomic. True when stored.
     */
    default boolean putUnlessChangedSince(CacheEntry entry, FillStamp since) {
        throw new UnsupportedOperationException("only the tier above the durable one guards its writes");
    }

    /** Removes the key; false when there was no live entry. */
    boolean delete(CacheKey key);

    /** Removes every key of the namespace that starts with {@code prefix} (1–512 bytes); answers how many. */
    long deleteByPrefix(ResourceName namespace, String prefix);

    /** Removes every entry of the namespace tagged with {@code tag}; answers how many. */
    long deleteByTag(ResourceName namespace, Tag tag);

    /** Removes every entry of the namespace; answers how many. */
    long deleteNamespace(ResourceName namespace);
}

package dev.strata.domain.cache.port;

import dev.strata.domain.cache.CacheEntry;
import dev.strata.domain.cache.CacheKey;
import dev.strata.domain.cache.ETag;
import dev.strata.domain.cache.Tag;
import dev.strata.domain.shared.ResourceName;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * Driven port: one shared cache tier (Postgres as L3; Redis as L2, which adds {@link SharedCacheTier}).
 * Every method works inside the current {@link dev.strata.domain.shared.TenantContext} and never sees
 * another tenant's entries. An entry whose {@code expiresAt} has passed is never returned. Faults of the backing store surface
 * as {@link dev.strata.domain.shared.StoreUnavailableException}.
 */
public interface CacheStore {
    /** The live entry under {@code key}, bytes exactly as stored. */
    Optional<CacheEntry> get(CacheKey key);

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

    /** Removes the key; false when there was no live entry. */
    boolean delete(CacheKey key);

    /** Removes every key of the namespace that starts with {@code prefix} (1–512 bytes); answers how many. */
    long deleteByPrefix(ResourceName namespace, String prefix);

    /** Removes every entry of the namespace tagged with {@code tag}; answers how many. */
    long deleteByTag(ResourceName namespace, Tag tag);

    /** Removes every entry of the namespace; answers how many. */
    long deleteNamespace(ResourceName namespace);
}

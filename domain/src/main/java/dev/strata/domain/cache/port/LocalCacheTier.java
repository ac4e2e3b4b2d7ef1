package dev.strata.domain.cache.port;

import dev.strata.domain.cache.CacheEntry;
import dev.strata.domain.cache.CacheKey;
import dev.strata.domain.cache.Invalidation;
import dev.strata.domain.shared.ResourceName;
import dev.strata.domain.shared.TenantId;
import java.time.Duration;
import java.util.Optional;

/**
 * Driven port: the in-process tier (L1) of one instance, bounded by entries and bytes. Entries are kept
 * per tenant (the current {@link dev.strata.domain.shared.TenantContext}); an entry past its
 * {@code expiresAt} or held longer than the TTL it was put with is never returned. Coherence between
 * instances is not its business: the cache service drops entries when invalidations arrive.
 */
public interface LocalCacheTier {
    /** The live entry under {@code key} for the current tenant. */
    Optional<CacheEntry> get(CacheKey key);

    /**
     * Holds the entry for at most {@code maxAge} (and never past its expiry). Not admitted when its
     * namespace already holds {@code namespaceLimit} entries of the current tenant, or when it is too big.
     */
    void put(CacheEntry entry, Duration maxAge, int namespaceLimit);

    /** Drops the key of the current tenant. */
    void drop(CacheKey key);

    /** Drops every entry of {@code tenant} that {@code invalidation} covers. Works outside a tenant context. */
    void drop(TenantId tenant, Invalidation invalidation);

    /** Drops everything, of every tenant. */
    void clear();

    /** How many entries the namespace of the current tenant holds now. */
    long size(ResourceName namespace);
}

package dev.strata.domain.cache.port;

import dev.strata.domain.cache.CacheKey;
import dev.strata.domain.cache.LeaseToken;
import dev.strata.domain.shared.ResourceName;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;

/**
 * Driven port: leases shared by every instance (Redis), inside the current tenant. A lease is the
 * exclusive right to fill a missing key. Leases, and the {@link FillStamps} kept beside them, are voided by
 * {@link #voidKeys} (delete, key invalidation) and {@link #voidNamespace} (prefix and tag invalidations,
 * which cannot name their keys). Faults surface as
 * {@link dev.strata.domain.shared.StoreUnavailableException}.
 */
public interface CacheLeases {
    /** A lease on {@code key} valid for {@code ttl}; empty while another live, unvoided lease exists. */
    Optional<LeaseToken> acquire(CacheKey key, Duration ttl);

    /** Spends the lease: true only if it is the key's live lease and nothing voided it since it was granted. */
    boolean redeem(CacheKey key, LeaseToken token);

    /** Voids leases and stamps of these keys. */
    void voidKeys(ResourceName namespace, Collection<String> keys);

    /** Voids every lease and stamp of the namespace. */
    void voidNamespace(ResourceName namespace);
}

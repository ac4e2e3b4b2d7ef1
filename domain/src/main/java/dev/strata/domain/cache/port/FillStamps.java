package dev.strata.domain.cache.port;

import dev.strata.domain.cache.CacheKey;
import dev.strata.domain.cache.FillStamp;

/**
 * Driven port: fill stamps shared by every instance (Redis), inside the current tenant. A stamp records
 * the invalidations of a key a reader or writer has seen; a fill of the shared tier from the durable one
 * (and the guarded write of {@link SharedCacheTier}) goes ahead only while it is unchanged. Stamps move on
 * with every {@link CacheLeases#voidKeys} and {@link CacheLeases#voidNamespace} and every guarded write.
 * Faults surface as {@link dev.strata.domain.shared.StoreUnavailableException}.
 */
public interface FillStamps {
    /** What the key's invalidations look like now. */
    FillStamp stamp(CacheKey key);

    /** True when no invalidation touched the key since {@code stamp} was taken. */
    boolean unchangedSince(CacheKey key, FillStamp stamp);
}

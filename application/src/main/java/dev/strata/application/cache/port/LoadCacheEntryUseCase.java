package dev.strata.application.cache.port;

import dev.strata.domain.cache.CacheEntry;
import java.util.Optional;

/**
 * Use case for other areas: read a key or load it with a loader, with stampede protection — at most one
 * load per key at a time across all instances (a lease), the others wait for its result.
 */
public interface LoadCacheEntryUseCase {
    /** The cached or freshly loaded entry; empty when the loader found nothing. */
    Optional<CacheEntry> getOrLoad(LoadCacheEntryCommand command);
}

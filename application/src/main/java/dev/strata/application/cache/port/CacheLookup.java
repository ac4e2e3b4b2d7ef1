package dev.strata.application.cache.port;

import dev.strata.domain.cache.CacheEntry;
import dev.strata.domain.cache.CacheTier;
import dev.strata.domain.cache.LeaseToken;
import java.util.Optional;

/** Result: a hit (with the tier that answered) or a miss (with a lease when one was asked for and granted). */
public sealed interface CacheLookup {
    /** The entry, found in {@code tier}. */
    record Hit(CacheEntry entry, CacheTier tier) implements CacheLookup {
    }

    /** Nothing live under the key; {@code lease} is the caller's right to fill it. */
    record Miss(Optional<LeaseToken> lease) implements CacheLookup {
    }
}

package dev.strata.application.cache;

import dev.strata.domain.cache.CacheKey;
import dev.strata.domain.cache.Invalidation;
import dev.strata.domain.cache.Tag;
import dev.strata.domain.cache.port.CacheLeases;
import dev.strata.domain.cache.port.CacheStore;

/** What an invalidation means for one shared tier and for the leases: the two steps every invalidation path takes. */
final class TierDeletes {
    private TierDeletes() {
    }

    /** Deletes what the invalidation covers from {@code store}; answers how many live entries went. */
    static long delete(CacheStore store, Invalidation invalidation) {
        if (invalidation instanceof Invalidation.Keys keys) {
            long removed = 0;
            for (String key : keys.keys()) {
                removed += store.delete(new CacheKey(keys.namespace(), key)) ? 1 : 0;
            }
            return removed;
        }
        if (invalidation instanceof Invalidation.Prefix prefix) {
            return store.deleteByPrefix(prefix.namespace(), prefix.prefix());
        }
        if (invalidation instanceof Invalidation.Tagged tagged) {
            long removed = 0;
            for (Tag tag : tagged.tags()) {
                removed += store.deleteByTag(tagged.namespace(), tag);
            }
            return removed;
        }
        return store.deleteNamespace(invalidation.namespace());
    }

    /** Voids the leases and stamps the invalidation covers: its keys, else (prefix, tags) the whole namespace. */
    static void voidLeases(CacheLeases leases, Invalidation invalidation) {
        if (invalidation instanceof Invalidation.Keys keys) {
            leases.voidKeys(keys.namespace(), keys.keys());
        } else {
            leases.voidNamespace(invalidation.namespace());
        }
    }
}

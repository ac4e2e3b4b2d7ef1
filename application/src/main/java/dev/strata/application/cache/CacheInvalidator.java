package dev.strata.application.cache;

import dev.strata.application.cache.port.DeleteCacheEntryCommand;
import dev.strata.application.cache.port.InvalidateCacheCommand;
import dev.strata.domain.cache.CacheKey;
import dev.strata.domain.cache.Invalidation;
import dev.strata.domain.cache.NamespaceSettings;
import dev.strata.domain.cache.port.CacheLeases;
import dev.strata.domain.cache.port.CacheStore;
import dev.strata.domain.cache.port.LocalCacheTier;
import dev.strata.domain.shared.ResourceName;
import dev.strata.domain.shared.StoreUnavailableException;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Deletes and invalidations (keys, tags, prefix) through every tier: leases and stamps are voided before and
 * after the deletes, so a fill racing the delete is refused either way; the invalidation is broadcast and
 * applied here, or queued for repair while Redis cannot take it.
 */
final class CacheInvalidator {
    private final LocalCacheTier l1;
    private final CacheStore l2;
    private final CacheStore l3;
    private final CacheLeases leases;
    private final L1Coherence coherence;
    private final InvalidationRepairs repairs;
    private final NamespaceSettingsMemo settingsMemo;

    CacheInvalidator(LocalCacheTier l1, CacheStore l2, CacheStore l3, CacheLeases leases, L1Coherence coherence,
                     InvalidationRepairs repairs, NamespaceSettingsMemo settingsMemo) {
        this.l1 = l1;
        this.l2 = l2;
        this.l3 = l3;
        this.leases = leases;
        this.coherence = coherence;
        this.repairs = repairs;
        this.settingsMemo = settingsMemo;
    }

    boolean delete(DeleteCacheEntryCommand command) {
        CacheKey key = command.key();
        return invalidate(key.namespace(), List.of(Invalidation.keys(key.namespace(), Set.of(key.key())))) > 0;
    }

    long invalidate(InvalidateCacheCommand command) {
        ResourceName namespace = command.namespace();
        List<Invalidation> invalidations = new ArrayList<>();
        if (!command.keys().isEmpty()) {
            invalidations.add(Invalidation.keys(namespace, command.keys()));
        }
        if (!command.tags().isEmpty()) {
            invalidations.add(Invalidation.tagged(namespace, command.tags()));
        }
        command.prefix().ifPresent(prefix -> invalidations.add(Invalidation.prefix(namespace, prefix)));
        return invalidate(namespace, invalidations);
    }

    long invalidateNamespace(ResourceName namespace) {
        return invalidate(namespace, List.of(Invalidation.namespace(namespace)));
    }

    /**
     * Applies the invalidations of one namespace everywhere; answers how many live entries went: from L3 for
     * a durable namespace, else from L2 (or, Redis being down, from this instance's L1).
     */
    private long invalidate(ResourceName namespace, List<Invalidation> invalidations) {
        TenantId tenant = TenantContext.require();
        NamespaceSettings settings = settingsMemo.get(namespace);
        // leases are voided before and after the deletes: a fill racing the delete is refused either way
        boolean redisUp = voidLeases(invalidations);
        long durableCount = 0;
        if (settings.durable()) {
            for (Invalidation invalidation : invalidations) {
                durableCount += TierDeletes.delete(l3, invalidation);
            }
        }
        long sharedCount = 0;
        if (redisUp) {
            try {
                for (Invalidation invalidation : invalidations) {
                    sharedCount += TierDeletes.delete(l2, invalidation);
                }
                redisUp = voidLeases(invalidations);
            } catch (StoreUnavailableException e) {
                redisUp = false;
            }
        }
        long localCount = 0;
        for (Invalidation invalidation : invalidations) {
            if (!settings.durable() && !redisUp) {
                localCount += countLocal(invalidation);
            }
            if (redisUp) {
                repairs.broadcast(tenant, invalidation);
            } else {
                repairs.queue(tenant, invalidation);
            }
            coherence.apply(tenant, invalidation);
        }
        return settings.durable() ? durableCount : Math.max(sharedCount, localCount);
    }

    private long countLocal(Invalidation invalidation) {
        if (invalidation instanceof Invalidation.Keys keys) {
            return keys.keys().stream().filter(k -> l1.get(new CacheKey(keys.namespace(), k)).isPresent()).count();
        }
        return 0;
    }

    private boolean voidLeases(List<Invalidation> invalidations) {
        try {
            for (Invalidation invalidation : invalidations) {
                TierDeletes.voidLeases(leases, invalidation);
            }
            return true;
        } catch (StoreUnavailableException e) {
            return false;
        }
    }
}

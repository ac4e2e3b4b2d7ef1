package dev.strata.application.cache;

import dev.strata.application.cache.port.PutCacheEntryCommand;
import dev.strata.application.cache.port.PutOutcome;
import dev.strata.domain.cache.CacheEntry;
import dev.strata.domain.cache.CacheKey;
import dev.strata.domain.cache.ETag;
import dev.strata.domain.cache.FillStamp;
import dev.strata.domain.cache.Invalidation;
import dev.strata.domain.cache.LeaseToken;
import dev.strata.domain.cache.NamespaceSettings;
import dev.strata.domain.cache.port.CacheLeases;
import dev.strata.domain.cache.port.CacheStore;
import dev.strata.domain.cache.port.FillStamps;
import dev.strata.domain.cache.port.LocalCacheTier;
import dev.strata.domain.cache.port.SharedCacheTier;
import dev.strata.domain.shared.Clock;
import dev.strata.domain.shared.StoreUnavailableException;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Writes go L3 → L2 → L1 and are broadcast, so that every instance drops its L1 copy. A durable write reads
 * the key's fill stamp before it writes L3 and writes L2 only if nothing crossed it since, so crossing writers
 * never leave L2 holding what L3 does not; what could not reach Redis is queued for repair.
 */
final class CacheWriter {
    private final LocalCacheTier l1;
    private final SharedCacheTier l2;
    private final CacheStore l3;
    private final CacheLeases leases;
    private final FillStamps stamps;
    private final L1Coherence coherence;
    private final InvalidationRepairs repairs;
    private final NamespaceSettingsMemo settingsMemo;
    private final NamespaceRegistry registry;
    private final Clock clock;

    CacheWriter(LocalCacheTier l1, SharedCacheTier l2, CacheStore l3, CacheLeases leases, FillStamps stamps,
                L1Coherence coherence, InvalidationRepairs repairs, NamespaceSettingsMemo settingsMemo,
                NamespaceRegistry registry, Clock clock) {
        this.l1 = l1;
        this.l2 = l2;
        this.l3 = l3;
        this.leases = leases;
        this.stamps = stamps;
        this.coherence = coherence;
        this.repairs = repairs;
        this.settingsMemo = settingsMemo;
        this.registry = registry;
        this.clock = clock;
    }

    PutOutcome put(PutCacheEntryCommand command) {
        CacheKey key = command.key();
        TenantId tenant = TenantContext.require();
        registry.register(tenant, key.namespace());
        NamespaceSettings settings = settingsMemo.get(key.namespace());
        Duration ttl = command.ttl().orElse(settings.defaultTtl());
        CacheEntry entry = CacheEntry.of(key, command.value(), clock.now().plus(ttl), command.tags());
        if (command.lease().isPresent() && !redeem(key, command.lease().get())) {
            return new PutOutcome.LeaseRefused();
        }
        Invalidation dropKey = Invalidation.keys(key.namespace(), Set.of(key.key()));
        if (settings.durable()) {
            // what L2 knew of the key before L3 changes: L2 takes this write only if nothing crossed it
            FillStamp since = stampOrNull(key);
            if (command.ifMatch().isPresent()) {
                if (!l3.putIfMatch(entry, command.ifMatch().get())) {
                    return new PutOutcome.EtagMismatch();
                }
            } else {
                l3.put(entry);
            }
            Boolean inL2 = null;
            if (since != null) {
                try {
                    inL2 = l2.putUnlessChangedSince(entry, since);
                } catch (StoreUnavailableException e) {
                    // Redis could not be asked: as below
                }
            }
            if (inL2 == null) {
                // L2 may still hold the old value: delete it there (and tell the peers) once Redis answers
                repairs.queue(tenant, dropKey);
                coherence.apply(tenant, dropKey);
                coherence.fillAfterWrite(entry, settings);
                return new PutOutcome.Stored(entry);
            }
            if (!inL2) {
                // another write or an invalidation of the key ran alongside: L2 is left empty, and L1 is not
                // filled, whichever of the two L3 kept (the next read fills both from L3)
                repairs.broadcast(tenant, dropKey);
                coherence.apply(tenant, dropKey);
                return new PutOutcome.Stored(entry);
            }
        } else {
            try {
                if (command.ifMatch().isPresent()) {
                    if (!l2.putIfMatch(entry, command.ifMatch().get())) {
                        return new PutOutcome.EtagMismatch();
                    }
                } else {
                    l2.put(entry);
                }
            } catch (StoreUnavailableException e) {
                return putLocalOnly(tenant, entry, settings, command.ifMatch(), dropKey, e);
            }
        }
        repairs.broadcast(tenant, dropKey);
        coherence.apply(tenant, dropKey);
        coherence.fillAfterWrite(entry, settings);
        return new PutOutcome.Stored(entry);
    }

    /** The key's stamp in Redis, or null when Redis cannot tell now. */
    private FillStamp stampOrNull(CacheKey key) {
        try {
            return stamps.stamp(key);
        } catch (StoreUnavailableException e) {
            return null;
        }
    }

    /** A non-durable namespace while Redis is down: only this instance's L1 can hold the value. */
    private PutOutcome putLocalOnly(TenantId tenant, CacheEntry entry, NamespaceSettings settings, Optional<ETag> ifMatch,
                                    Invalidation dropKey, StoreUnavailableException cause) {
        if (!settings.l1Enabled()) {
            throw cause;
        }
        if (ifMatch.isPresent()) {
            Optional<CacheEntry> current = l1.get(entry.key());
            if (current.isEmpty() || !current.get().etag().equals(ifMatch.get())) {
                return new PutOutcome.EtagMismatch();
            }
        }
        repairs.queue(tenant, dropKey);
        l1.put(entry, settings.l1Ttl(), settings.l1MaxEntries());
        return new PutOutcome.Stored(entry);
    }

    private boolean redeem(CacheKey key, LeaseToken token) {
        try {
            return leases.redeem(key, token);
        } catch (StoreUnavailableException e) {
            // a lease that cannot be checked could be a voided one: refusing a fill loses nothing
            return false;
        }
    }
}

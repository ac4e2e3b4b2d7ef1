package dev.strata.application.cache;

import dev.strata.application.cache.L1Coherence.Generation;
import dev.strata.application.cache.port.CacheEntries;
import dev.strata.application.cache.port.CacheLookup;
import dev.strata.application.cache.port.GetCacheEntriesQuery;
import dev.strata.application.cache.port.GetCacheEntryQuery;
import dev.strata.domain.cache.CacheEntry;
import dev.strata.domain.cache.CacheKey;
import dev.strata.domain.cache.CacheTier;
import dev.strata.domain.cache.FillStamp;
import dev.strata.domain.cache.LeaseToken;
import dev.strata.domain.cache.NamespaceSettings;
import dev.strata.domain.cache.port.CacheLeases;
import dev.strata.domain.cache.port.CacheStore;
import dev.strata.domain.cache.port.FillStamps;
import dev.strata.domain.cache.port.LocalCacheTier;
import dev.strata.domain.shared.ResourceName;
import dev.strata.domain.shared.StoreUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Reads through the tiers, L1 → L2 → L3, filling upward: L1 under the generation check, L2 from L3 only
 * put-if-absent and under a fill stamp, so a slow reader never overwrites a newer write or revives a deleted
 * key. On a miss a reader may take the key's lease (the right to fill it) or wait for someone else's fill.
 */
final class TieredReader {
    private static final long WAIT_SLICE_MILLIS = 20;

    private final LocalCacheTier l1;
    private final CacheStore l2;
    private final CacheStore l3;
    private final CacheLeases leases;
    private final FillStamps stamps;
    private final L1Coherence coherence;
    private final NamespaceSettingsMemo settingsMemo;
    private final CacheCounters counters;
    private final Duration leaseTtl;

    TieredReader(LocalCacheTier l1, CacheStore l2, CacheStore l3, CacheLeases leases, FillStamps stamps,
                 L1Coherence coherence, NamespaceSettingsMemo settingsMemo, CacheCounters counters, Duration leaseTtl) {
        this.l1 = l1;
        this.l2 = l2;
        this.l3 = l3;
        this.leases = leases;
        this.stamps = stamps;
        this.coherence = coherence;
        this.settingsMemo = settingsMemo;
        this.counters = counters;
        this.leaseTtl = leaseTtl;
    }

    CacheLookup get(GetCacheEntryQuery query) {
        CacheKey key = query.key();
        NamespaceSettings settings = settingsMemo.get(key.namespace());
        CacheCounters.Counts counts = counters.of(key.namespace());
        CacheLookup.Hit hit = read(key, settings, counts);
        if (hit != null) {
            return hit;
        }
        if (query.lease()) {
            Optional<LeaseToken> lease = tryAcquire(key);
            if (lease.isPresent()) {
                return new CacheLookup.Miss(lease);
            }
        }
        if (!query.waitFor().isZero()) {
            hit = awaitFill(key, settings, counts, query.waitFor());
            if (hit != null) {
                return hit;
            }
        }
        return new CacheLookup.Miss(Optional.empty());
    }

    CacheEntries getAll(GetCacheEntriesQuery query) {
        ResourceName namespace = query.namespace();
        NamespaceSettings settings = settingsMemo.get(namespace);
        CacheCounters.Counts counts = counters.of(namespace);
        Map<String, CacheEntry> found = new LinkedHashMap<>();
        List<CacheKey> wanted = new ArrayList<>();
        boolean useL1 = coherence.readable(settings);
        for (String key : query.keys()) {
            if (found.containsKey(key)) {
                continue;
            }
            CacheKey cacheKey = new CacheKey(namespace, key);
            Optional<CacheEntry> local = useL1 ? l1.get(cacheKey) : Optional.empty();
            if (local.isPresent()) {
                counters.count(counts, CacheTier.L1, true);
                found.put(key, local.get());
            } else {
                if (useL1) {
                    counters.count(counts, CacheTier.L1, false);
                }
                wanted.add(cacheKey);
            }
        }
        if (!wanted.isEmpty()) {
            readBelowL1(wanted, settings, counts, found);
        }
        List<String> missing = new ArrayList<>();
        Map<String, CacheEntry> ordered = new LinkedHashMap<>();
        for (String key : query.keys()) {
            CacheEntry entry = found.get(key);
            if (entry != null) {
                ordered.put(key, entry);
            } else if (!missing.contains(key)) {
                missing.add(key);
            }
        }
        return new CacheEntries(ordered, missing);
    }

    /** The keys L1 did not have: L2 in one round trip, then L3 key by key; what is found goes into {@code found}. */
    private void readBelowL1(List<CacheKey> wanted, NamespaceSettings settings, CacheCounters.Counts counts,
                             Map<String, CacheEntry> found) {
        Map<CacheKey, CacheEntry> fromL2 = Map.of();
        Map<CacheKey, Generation> generations = new LinkedHashMap<>();
        wanted.forEach(key -> generations.put(key, coherence.generation(key)));
        boolean redisUp = true;
        try {
            fromL2 = l2.getAll(wanted);
        } catch (StoreUnavailableException e) {
            counters.failed(CacheTier.L2);
            redisUp = false;
        }
        List<CacheKey> stillWanted = new ArrayList<>();
        for (CacheKey key : wanted) {
            CacheEntry entry = fromL2.get(key);
            if (entry != null) {
                counters.count(counts, CacheTier.L2, true);
                coherence.fill(entry, settings, generations.get(key));
            } else {
                stillWanted.add(key);
            }
        }
        // the L3 path reads key by key: it fills L2 under a stamp per key
        for (CacheKey key : stillWanted) {
            CacheLookup.Hit hit = readBelowL2(key, settings, counts, generations.get(key), redisUp);
            if (hit != null) {
                found.put(key.key(), hit.entry());
            }
        }
        for (CacheKey key : wanted) {
            if (fromL2.containsKey(key)) {
                found.put(key.key(), fromL2.get(key));
            }
        }
    }

    /** One key through the tiers; null on a miss everywhere. */
    private CacheLookup.Hit read(CacheKey key, NamespaceSettings settings, CacheCounters.Counts counts) {
        if (coherence.readable(settings)) {
            Optional<CacheEntry> local = l1.get(key);
            if (local.isPresent()) {
                counters.count(counts, CacheTier.L1, true);
                return new CacheLookup.Hit(local.get(), CacheTier.L1);
            }
            counters.count(counts, CacheTier.L1, false);
        } else if (settings.l1Enabled()) {
            counters.bypassedL1();
        }
        Generation generation = coherence.generation(key);
        boolean redisUp = true;
        try {
            Optional<CacheEntry> shared = l2.get(key);
            if (shared.isPresent()) {
                counters.count(counts, CacheTier.L2, true);
                coherence.fill(shared.get(), settings, generation);
                return new CacheLookup.Hit(shared.get(), CacheTier.L2);
            }
        } catch (StoreUnavailableException e) {
            counters.failed(CacheTier.L2);
            redisUp = false;
        }
        return readBelowL2(key, settings, counts, generation, redisUp);
    }

    private CacheLookup.Hit readBelowL2(CacheKey key, NamespaceSettings settings, CacheCounters.Counts counts,
                                        Generation generation, boolean redisUp) {
        if (redisUp) {
            counters.count(counts, CacheTier.L2, false);
        }
        if (!settings.durable()) {
            return null;
        }
        FillStamp stamp = null;
        if (redisUp) {
            try {
                stamp = stamps.stamp(key);
            } catch (StoreUnavailableException e) {
                // L2 will simply not be filled this time
            }
        }
        Optional<CacheEntry> durable = l3.get(key);
        if (durable.isEmpty()) {
            counters.count(counts, CacheTier.L3, false);
            return null;
        }
        counters.count(counts, CacheTier.L3, true);
        CacheEntry entry = durable.get();
        if (stamp != null) {
            try {
                if (stamps.unchangedSince(key, stamp)) {
                    l2.putIfAbsent(entry);
                }
            } catch (StoreUnavailableException e) {
                // filling is an optimisation
            }
        }
        coherence.fill(entry, settings, generation);
        return new CacheLookup.Hit(entry, CacheTier.L3);
    }

    private CacheLookup.Hit awaitFill(CacheKey key, NamespaceSettings settings, CacheCounters.Counts counts,
                                      Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                return null;
            }
            if (!coherence.awaitInvalidation(Math.max(1, Math.min(left, WAIT_SLICE_MILLIS)))) {
                return null;
            }
            CacheLookup.Hit hit = read(key, settings, counts);
            if (hit != null) {
                return hit;
            }
        }
    }

    private Optional<LeaseToken> tryAcquire(CacheKey key) {
        try {
            return leases.acquire(key, leaseTtl);
        } catch (StoreUnavailableException e) {
            // leases live in Redis: without it nobody gets one (documented degradation)
            return Optional.empty();
        }
    }
}

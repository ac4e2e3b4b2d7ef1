package dev.strata.application.cache;

import dev.strata.application.cache.port.CacheEntries;
import dev.strata.application.cache.port.CacheLookup;
import dev.strata.application.cache.port.CacheStats;
import dev.strata.application.cache.port.ConfigureCacheNamespaceCommand;
import dev.strata.application.cache.port.ConfigureCacheNamespaceUseCase;
import dev.strata.application.cache.port.DeleteCacheEntryCommand;
import dev.strata.application.cache.port.DeleteCacheEntryUseCase;
import dev.strata.application.cache.port.GetCacheEntriesQuery;
import dev.strata.application.cache.port.GetCacheEntriesUseCase;
import dev.strata.application.cache.port.GetCacheEntryQuery;
import dev.strata.application.cache.port.GetCacheEntryUseCase;
import dev.strata.application.cache.port.GetCacheStatsQuery;
import dev.strata.application.cache.port.GetCacheStatsUseCase;
import dev.strata.application.cache.port.InvalidateCacheCommand;
import dev.strata.application.cache.port.InvalidateCacheUseCase;
import dev.strata.application.cache.port.LoadCacheEntryCommand;
import dev.strata.application.cache.port.LoadCacheEntryUseCase;
import dev.strata.application.cache.port.PutCacheEntryCommand;
import dev.strata.application.cache.port.PutCacheEntryUseCase;
import dev.strata.application.cache.port.PutOutcome;
import dev.strata.domain.cache.CacheEntry;
import dev.strata.domain.cache.CacheKey;
import dev.strata.domain.cache.CacheTier;
import dev.strata.domain.cache.CacheValue;
import dev.strata.domain.cache.ETag;
import dev.strata.domain.cache.FillStamp;
import dev.strata.domain.cache.Invalidation;
import dev.strata.domain.cache.LeaseToken;
import dev.strata.domain.cache.NamespaceSettings;
import dev.strata.domain.cache.Tag;
import dev.strata.domain.cache.port.CacheLeases;
import dev.strata.application.shared.BoundedMap;
import dev.strata.domain.cache.port.CacheMetrics;
import dev.strata.domain.cache.port.CacheMetrics.Result;
import dev.strata.domain.cache.port.CacheNamespaces;
import dev.strata.domain.cache.port.CacheStore;
import dev.strata.domain.cache.port.InvalidationBus;
import dev.strata.domain.cache.port.LocalCacheTier;
import dev.strata.domain.cache.port.NamespaceSettingsStore;
import dev.strata.domain.shared.Clock;
import dev.strata.domain.shared.Quota;
import dev.strata.domain.shared.ResourceName;
import dev.strata.domain.shared.StoreUnavailableException;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Service: the tiered cache. Reads go L1 → L2 → L3 and fill upward; writes go L3 → L2 → L1 and are
 * broadcast so that every instance drops its L1 copy.
 *
 * <p>Coherence of L1 rests on three rules. (1) L1 is only trusted while the invalidation channel is
 * current (connected, and its heartbeat back within {@code max-staleness}); losing it flushes L1, and durable namespaces then bypass L1 until the channel is back (and
 * L1 flushed again). (2) A fill of L1 re-checks a generation counter (per key stripe, and a global one for
 * prefix, tag and namespace invalidations) after putting, and drops what it put if an invalidation
 * arrived meanwhile, so a slow reader never re-inserts a value that was just invalidated. (3) Fills of L2
 * from L3 use put-if-absent and a fill stamp, so they never overwrite a newer write or revive a deleted key.
 *
 * <p>Invalidations that could not reach Redis (L2 delete or broadcast) are queued and retried until they
 * succeed, so an instance that lost Redis for a moment repairs L2 and its peers once Redis answers again.
 */
public final class CacheService implements GetCacheEntryUseCase, GetCacheEntriesUseCase, PutCacheEntryUseCase,
        DeleteCacheEntryUseCase, InvalidateCacheUseCase, ConfigureCacheNamespaceUseCase, GetCacheStatsUseCase,
        LoadCacheEntryUseCase, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(CacheService.class.getName());
    private static final int STRIPES = 4096;
    private static final long WAIT_SLICE_MILLIS = 20;
    private static final int MAX_REPAIRS = 100_000;
    /** Default bound on the (tenant, namespace) pairs this instance keeps settings, counters and registrations for. */
    public static final int DEFAULT_MAX_TRACKED_NAMESPACES = 100_000;
    private static final CompletionStage<Optional<CacheLookup.Hit>> NOT_WITHOUT_BLOCKING =
            CompletableFuture.completedFuture(Optional.empty());

    private final LocalCacheTier l1;
    private final CacheStore l2;
    private final CacheStore l3;
    private final CacheLeases leases;
    private final InvalidationBus bus;
    private final NamespaceSettingsStore settingsStore;
    private final CacheMetrics metrics;
    private final Clock clock;
    private final CacheTuning tuning;

    private final AtomicLong globalGeneration = new AtomicLong();
    private final AtomicLongArray keyGenerations = new AtomicLongArray(STRIPES);
    private volatile boolean trusted;
    private final Object fillSignal = new Object();
    // bounded: any request naming a new namespace adds an entry, so a tenant inventing names must not grow them
    private final BoundedMap<Scoped, CachedSettings> settingsCache;
    private final BoundedMap<Scoped, Counters> counters;
    private final BoundedMap<Scoped, Boolean> registered;
    private final CacheNamespaces namespaces;
    private final Quota namespaceQuota;
    private final Map<Scoped, CompletableFuture<Optional<CacheEntry>>> loads = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Repair> repairs = new ConcurrentLinkedQueue<>();
    private final AtomicInteger repairCount = new AtomicInteger();
    private ScheduledExecutorService scheduler;
    private InvalidationBus.Subscription subscription;

    private record Scoped(TenantId tenant, Object what) {
    }

    private record CachedSettings(NamespaceSettings settings, long loadedAtNanos) {
    }

    private record Generation(long global, long key) {
    }

    /** An invalidation still owed to Redis: the L2 delete (unless L2 already took the write) and the broadcast. */
    private record Repair(TenantId tenant, Invalidation invalidation, boolean deleteInL2) {
    }

    private static final class Counters {
        final LongAdder[] hits = {new LongAdder(), new LongAdder(), new LongAdder()};
        final LongAdder[] misses = {new LongAdder(), new LongAdder(), new LongAdder()};
    }

    public CacheService(LocalCacheTier l1, CacheStore l2, CacheStore l3, CacheLeases leases, InvalidationBus bus,
                        NamespaceSettingsStore settingsStore, CacheMetrics metrics, Clock clock, CacheTuning tuning) {
        this(l1, l2, l3, leases, bus, settingsStore, metrics, clock, tuning, null, null, DEFAULT_MAX_TRACKED_NAMESPACES);
    }

    /**
     * With a namespaces quota: a write or configuration of a namespace new to the tenant registers it first
     * ({@code namespaces}), refused beyond {@code namespaceQuota}; reads never register anything.
     *
     * @param maxTrackedNamespaces bound on the (tenant, namespace) pairs held in memory per kind of bookkeeping
     */
    public CacheService(LocalCacheTier l1, CacheStore l2, CacheStore l3, CacheLeases leases, InvalidationBus bus,
                        NamespaceSettingsStore settingsStore, CacheMetrics metrics, Clock clock, CacheTuning tuning,
                        CacheNamespaces namespaces, Quota namespaceQuota, int maxTrackedNamespaces) {
        if ((namespaces == null) != (namespaceQuota == null)) {
            throw new IllegalArgumentException("namespaces and namespaceQuota go together");
        }
        this.settingsCache = new BoundedMap<>(maxTrackedNamespaces);
        this.counters = new BoundedMap<>(maxTrackedNamespaces);
        this.registered = new BoundedMap<>(maxTrackedNamespaces);
        this.namespaces = namespaces;
        this.namespaceQuota = namespaceQuota;
        this.l1 = l1;
        this.l2 = l2;
        this.l3 = l3;
        this.leases = leases;
        this.bus = bus;
        this.settingsStore = settingsStore;
        this.metrics = metrics;
        this.clock = clock;
        this.tuning = tuning;
    }

    /** Subscribes to the invalidation channel and starts the repair loop; call once before use. */
    public synchronized CacheService start() {
        if (subscription != null) {
            return this;
        }
        subscription = bus.subscribe(new InvalidationBus.Listener() {
            @Override
            public void onInvalidation(TenantId tenant, Invalidation invalidation) {
                applyLocally(tenant, invalidation);
            }

            @Override
            public void onConnectionChange(boolean connected) {
                channelChanged(connected);
            }
        });
        trusted = bus.connected();
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "strata-cache-repair");
            thread.setDaemon(true);
            return thread;
        });
        long every = tuning.repairInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::repairSafely, every, every, TimeUnit.MILLISECONDS);
        return this;
    }

    @Override
    public synchronized void close() {
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    /**
     * True while this instance may serve durable namespaces from L1: the channel is current (everything
     * published more than {@code max-staleness} ago has been applied here) and L1 was flushed since it was
     * last lost. This is what makes the staleness bound hold, not just the usual delivery speed.
     */
    public boolean coherent() {
        return trusted && bus.current();
    }

    /**
     * False from the moment this instance has acted on a lost invalidation channel (L1 flushed, durable
     * namespaces bypassing it) until the channel is back and L1 flushed again.
     */
    public boolean channelTrusted() {
        return trusted;
    }

    /** Invalidations waiting to reach Redis. */
    public int pendingRepairs() {
        return repairCount.get();
    }

    // ---------------------------------------------------------------- reads

    @Override
    public CacheLookup get(GetCacheEntryQuery query) {
        CacheKey key = query.key();
        NamespaceSettings settings = settings(key.namespace());
        Counters stats = counters(key.namespace());
        CacheLookup.Hit hit = read(key, settings, stats);
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
            hit = awaitFill(key, settings, stats, query.waitFor());
            if (hit != null) {
                return hit;
            }
        }
        return new CacheLookup.Miss(Optional.empty());
    }

    @Override
    public Optional<CacheLookup.Hit> getFromMemory(CacheKey key, int maxBytes) {
        // only what this instance already holds: settings not yet loaded (or stale) mean "ask get()"
        NamespaceSettings settings = heldSettings(key.namespace());
        if (settings == null || !l1Readable(settings)) {
            return Optional.empty();
        }
        Optional<CacheEntry> local = l1.get(key);
        if (local.isEmpty() || local.get().value().size() > maxBytes) {
            return Optional.empty();
        }
        count(counters(key.namespace()), CacheTier.L1, true);
        return Optional.of(new CacheLookup.Hit(local.get(), CacheTier.L1));
    }

    @Override
    public CompletionStage<Optional<CacheLookup.Hit>> getWithoutBlocking(CacheKey key) {
        NamespaceSettings settings = heldSettings(key.namespace());
        if (settings == null) {
            return NOT_WITHOUT_BLOCKING;
        }
        Counters stats = counters(key.namespace());
        boolean useL1 = l1Readable(settings);
        if (useL1) {
            Optional<CacheEntry> local = l1.get(key);
            if (local.isPresent()) {
                count(stats, CacheTier.L1, true);
                return CompletableFuture.completedFuture(Optional.of(new CacheLookup.Hit(local.get(), CacheTier.L1)));
            }
        }
        TenantId tenant = TenantContext.require();
        Generation generation = generation(tenant, key);
        return l2.getAsync(key).handle((shared, error) -> {
            if (error != null || shared.isEmpty()) {
                return Optional.<CacheLookup.Hit>empty();
            }
            // the answer may be on Redis's I/O thread: the tenant is set again for the fill
            TenantContext.runAs(tenant, () -> {
                if (useL1) {
                    count(stats, CacheTier.L1, false);
                } else if (settings.l1Enabled()) {
                    metrics.record(CacheTier.L1, Result.BYPASS);
                }
                count(stats, CacheTier.L2, true);
                fillL1(shared.get(), settings, generation);
            });
            return Optional.of(new CacheLookup.Hit(shared.get(), CacheTier.L2));
        });
    }

    @Override
    public CacheEntries getAll(GetCacheEntriesQuery query) {
        ResourceName namespace = query.namespace();
        NamespaceSettings settings = settings(namespace);
        Counters stats = counters(namespace);
        Map<String, CacheEntry> found = new LinkedHashMap<>();
        List<CacheKey> wanted = new ArrayList<>();
        boolean useL1 = l1Readable(settings);
        for (String key : query.keys()) {
            if (found.containsKey(key)) {
                continue;
            }
            CacheKey cacheKey = new CacheKey(namespace, key);
            Optional<CacheEntry> local = useL1 ? l1.get(cacheKey) : Optional.empty();
            if (local.isPresent()) {
                count(stats, CacheTier.L1, true);
                found.put(key, local.get());
            } else {
                if (useL1) {
                    count(stats, CacheTier.L1, false);
                }
                wanted.add(cacheKey);
            }
        }
        if (!wanted.isEmpty()) {
            Map<CacheKey, CacheEntry> fromL2 = Map.of();
            Map<CacheKey, Generation> generations = new LinkedHashMap<>();
            wanted.forEach(key -> generations.put(key, generation(key)));
            boolean redisUp = true;
            try {
                fromL2 = l2.getAll(wanted);
            } catch (StoreUnavailableException e) {
                metrics.record(CacheTier.L2, Result.ERROR);
                redisUp = false;
            }
            List<CacheKey> stillWanted = new ArrayList<>();
            for (CacheKey key : wanted) {
                CacheEntry entry = fromL2.get(key);
                if (entry != null) {
                    count(stats, CacheTier.L2, true);
                    fillL1(entry, settings, generations.get(key));
                } else {
                    stillWanted.add(key);
                }
            }
            // the L3 path reads key by key: it fills L2 under a stamp per key
            for (CacheKey key : stillWanted) {
                CacheLookup.Hit hit = readBelowL2(key, settings, stats, generations.get(key), redisUp);
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

    /** One key through the tiers; null on a miss everywhere. */
    private CacheLookup.Hit read(CacheKey key, NamespaceSettings settings, Counters stats) {
        if (l1Readable(settings)) {
            Optional<CacheEntry> local = l1.get(key);
            if (local.isPresent()) {
                count(stats, CacheTier.L1, true);
                return new CacheLookup.Hit(local.get(), CacheTier.L1);
            }
            count(stats, CacheTier.L1, false);
        } else if (settings.l1Enabled()) {
            metrics.record(CacheTier.L1, Result.BYPASS);
        }
        Generation generation = generation(key);
        boolean redisUp = true;
        try {
            Optional<CacheEntry> shared = l2.get(key);
            if (shared.isPresent()) {
                count(stats, CacheTier.L2, true);
                fillL1(shared.get(), settings, generation);
                return new CacheLookup.Hit(shared.get(), CacheTier.L2);
            }
        } catch (StoreUnavailableException e) {
            metrics.record(CacheTier.L2, Result.ERROR);
            redisUp = false;
        }
        return readBelowL2(key, settings, stats, generation, redisUp);
    }

    private CacheLookup.Hit readBelowL2(CacheKey key, NamespaceSettings settings, Counters stats, Generation generation,
                                        boolean redisUp) {
        if (redisUp) {
            count(stats, CacheTier.L2, false);
        }
        if (!settings.durable()) {
            return null;
        }
        FillStamp stamp = null;
        if (redisUp) {
            try {
                stamp = leases.stamp(key);
            } catch (StoreUnavailableException e) {
                // L2 will simply not be filled this time
            }
        }
        Optional<CacheEntry> durable = l3.get(key);
        if (durable.isEmpty()) {
            count(stats, CacheTier.L3, false);
            return null;
        }
        count(stats, CacheTier.L3, true);
        CacheEntry entry = durable.get();
        if (stamp != null) {
            try {
                if (leases.unchangedSince(key, stamp)) {
                    l2.putIfAbsent(entry);
                }
            } catch (StoreUnavailableException e) {
                // filling is an optimisation
            }
        }
        fillL1(entry, settings, generation);
        return new CacheLookup.Hit(entry, CacheTier.L3);
    }

    private CacheLookup.Hit awaitFill(CacheKey key, NamespaceSettings settings, Counters stats, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                return null;
            }
            synchronized (fillSignal) {
                try {
                    fillSignal.wait(Math.max(1, Math.min(left, WAIT_SLICE_MILLIS)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
            CacheLookup.Hit hit = read(key, settings, stats);
            if (hit != null) {
                return hit;
            }
        }
    }

    private Optional<LeaseToken> tryAcquire(CacheKey key) {
        try {
            return leases.acquire(key, tuning.leaseTtl());
        } catch (StoreUnavailableException e) {
            // leases live in Redis: without it nobody gets one (documented degradation)
            return Optional.empty();
        }
    }

    // ---------------------------------------------------------------- writes

    @Override
    public PutOutcome put(PutCacheEntryCommand command) {
        CacheKey key = command.key();
        TenantId tenant = TenantContext.require();
        register(tenant, key.namespace());
        NamespaceSettings settings = settings(key.namespace());
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
                queueRepair(tenant, dropKey);
                applyLocally(tenant, dropKey);
                fillL1After(entry, settings);
                return new PutOutcome.Stored(entry);
            }
            if (!inL2) {
                // another write or an invalidation of the key ran alongside: L2 is left empty, and L1 is not
                // filled, whichever of the two L3 kept (the next read fills both from L3)
                publish(tenant, dropKey);
                applyLocally(tenant, dropKey);
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
        publish(tenant, dropKey);
        applyLocally(tenant, dropKey);
        fillL1After(entry, settings);
        return new PutOutcome.Stored(entry);
    }

    /** The key's stamp in Redis, or null when Redis cannot tell now. */
    private FillStamp stampOrNull(CacheKey key) {
        try {
            return leases.stamp(key);
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
        queueRepair(tenant, dropKey);
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

    @Override
    public boolean delete(DeleteCacheEntryCommand command) {
        CacheKey key = command.key();
        return invalidate(key.namespace(), List.of(Invalidation.keys(key.namespace(), Set.of(key.key())))) > 0;
    }

    @Override
    public long invalidate(InvalidateCacheCommand command) {
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

    private long invalidate(ResourceName namespace, List<Invalidation> invalidations) {
        TenantId tenant = TenantContext.require();
        NamespaceSettings settings = settings(namespace);
        // leases are voided before and after the deletes: a fill racing the delete is refused either way
        boolean redisUp = voidLeases(invalidations);
        long durableCount = 0;
        if (settings.durable()) {
            for (Invalidation invalidation : invalidations) {
                durableCount += deleteIn(l3, invalidation);
            }
        }
        long sharedCount = 0;
        if (redisUp) {
            try {
                for (Invalidation invalidation : invalidations) {
                    sharedCount += deleteIn(l2, invalidation);
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
                publish(tenant, invalidation);
            } else {
                queueRepair(tenant, invalidation);
            }
            applyLocally(tenant, invalidation);
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
                if (invalidation instanceof Invalidation.Keys keys) {
                    leases.voidKeys(keys.namespace(), keys.keys());
                } else {
                    leases.voidNamespace(invalidation.namespace());
                }
            }
            return true;
        } catch (StoreUnavailableException e) {
            return false;
        }
    }

    private static long deleteIn(CacheStore store, Invalidation invalidation) {
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

    // ---------------------------------------------------------------- settings and stats

    @Override
    public NamespaceSettings configure(ConfigureCacheNamespaceCommand command) {
        TenantId tenant = TenantContext.require();
        NamespaceSettings settings = command.settings();
        register(tenant, settings.namespace());
        settingsStore.save(settings);
        // every instance drops its copy of the settings and the namespace's L1 entries (a change of
        // durability or L1 limits must not leave entries admitted under the old rules)
        Invalidation everything = Invalidation.namespace(settings.namespace());
        publish(tenant, everything);
        applyLocally(tenant, everything);
        return settings;
    }

    @Override
    public CacheStats stats(GetCacheStatsQuery query) {
        Counters stats = counters(query.namespace());
        Map<CacheTier, Long> hits = new EnumMap<>(CacheTier.class);
        Map<CacheTier, Long> misses = new EnumMap<>(CacheTier.class);
        long totalHits = 0;
        for (CacheTier tier : CacheTier.values()) {
            hits.put(tier, stats.hits[tier.ordinal()].sum());
            misses.put(tier, stats.misses[tier.ordinal()].sum());
            totalHits += hits.get(tier);
        }
        // a request misses overall only when the last tier it asked missed: L3 for durable namespaces, L2 otherwise
        NamespaceSettings settings = settings(query.namespace());
        long finalMisses = settings.durable() ? misses.get(CacheTier.L3) : misses.get(CacheTier.L2);
        double hitRate = totalHits + finalMisses == 0 ? 0.0 : (double) totalHits / (totalHits + finalMisses);
        return new CacheStats(hits, misses, hitRate, l1.size(query.namespace()));
    }

    /**
     * Counts a namespace against the tenant's quota the first time this instance sees it written or configured
     * (one Postgres round trip per namespace and instance; later writes ask memory only). Postgres down: the
     * write goes on unregistered and is registered by a later one (a durable write fails there anyway).
     */
    private void register(TenantId tenant, ResourceName namespace) {
        if (namespaces == null) {
            return;
        }
        Scoped scoped = new Scoped(tenant, namespace);
        if (registered.containsKey(scoped)) {
            return;
        }
        try {
            namespaces.register(namespace, namespaceQuota);
            registered.put(scoped, Boolean.TRUE);
        } catch (StoreUnavailableException e) {
            // not remembered: the next write asks again
        }
    }

    /** (tenant, namespace) pairs this instance holds settings, counters and registrations for, at most. */
    int trackedNamespaces() {
        return Math.max(settingsCache.size(), Math.max(counters.size(), registered.size()));
    }

    /** This instance's copy of the namespace's settings while it is fresh; null when they must be loaded. */
    private NamespaceSettings heldSettings(ResourceName namespace) {
        CachedSettings cached = settingsCache.get(new Scoped(TenantContext.require(), namespace));
        if (cached != null && System.nanoTime() - cached.loadedAtNanos() < tuning.settingsTtl().toNanos()) {
            return cached.settings();
        }
        return null;
    }

    /** The namespace's settings: this instance's copy, else Postgres, else the defaults. */
    public NamespaceSettings settings(ResourceName namespace) {
        Scoped scoped = new Scoped(TenantContext.require(), namespace);
        CachedSettings cached = settingsCache.get(scoped);
        long now = System.nanoTime();
        if (cached != null && now - cached.loadedAtNanos() < tuning.settingsTtl().toNanos()) {
            return cached.settings();
        }
        try {
            NamespaceSettings settings = settingsStore.find(namespace).orElseGet(() -> NamespaceSettings.defaults(namespace));
            settingsCache.put(scoped, new CachedSettings(settings, now));
            return settings;
        } catch (StoreUnavailableException e) {
            // Postgres is down: the last known settings, else the defaults (not remembered). Under the
            // defaults a namespace counts as durable, so a write still needs Postgres and nothing is
            // acknowledged that a non-durable namespace would not have kept either.
            return cached != null ? cached.settings() : NamespaceSettings.defaults(namespace);
        }
    }

    // ---------------------------------------------------------------- loader with stampede protection

    @Override
    public Optional<CacheEntry> getOrLoad(LoadCacheEntryCommand command) {
        Scoped flight = new Scoped(TenantContext.require(), command.key());
        CompletableFuture<Optional<CacheEntry>> mine = new CompletableFuture<>();
        CompletableFuture<Optional<CacheEntry>> running = loads.putIfAbsent(flight, mine);
        if (running != null) {
            // one load per key per instance; the others on this instance share its result
            try {
                return running.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
            }
        }
        try {
            Optional<CacheEntry> result = loadAcrossInstances(command);
            mine.complete(result);
            return result;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            loads.remove(flight, mine);
        }
    }

    private Optional<CacheEntry> loadAcrossInstances(LoadCacheEntryCommand command) {
        CacheKey key = command.key();
        NamespaceSettings settings = settings(key.namespace());
        Counters stats = counters(key.namespace());
        for (int attempt = 0; attempt < 3; attempt++) {
            CacheLookup.Hit hit = read(key, settings, stats);
            if (hit != null) {
                return Optional.of(hit.entry());
            }
            Optional<LeaseToken> lease;
            try {
                lease = leases.acquire(key, tuning.leaseTtl());
            } catch (StoreUnavailableException e) {
                // no shared leases without Redis: this instance loads alone (the in-process flight still holds)
                return loadAndPut(command, Optional.empty());
            }
            if (lease.isPresent()) {
                return loadAndPut(command, lease);
            }
            // another instance is loading: wait for its fill, then look again (its lease may have expired)
            hit = awaitFill(key, settings, stats, tuning.leaseTtl());
            if (hit != null) {
                return Optional.of(hit.entry());
            }
        }
        return loadAndPut(command, Optional.empty());
    }

    private Optional<CacheEntry> loadAndPut(LoadCacheEntryCommand command, Optional<LeaseToken> lease) {
        Optional<CacheValue> value = command.loader().get();
        if (value.isEmpty()) {
            return Optional.empty();
        }
        PutOutcome outcome = put(new PutCacheEntryCommand(command.key(), value.get(), command.ttl(), command.tags(),
                Optional.empty(), lease));
        if (outcome instanceof PutOutcome.Stored stored) {
            return Optional.of(stored.entry());
        }
        // the lease was voided while loading: the value is still the loader's answer, just not cached
        NamespaceSettings settings = settings(command.key().namespace());
        return Optional.of(CacheEntry.of(command.key(), value.get(),
                clock.now().plus(command.ttl().orElse(settings.defaultTtl())), command.tags()));
    }

    // ---------------------------------------------------------------- L1 coherence

    private boolean l1Readable(NamespaceSettings settings) {
        // a non-durable namespace has no tier below Redis: without Redis this instance's L1 is all there is
        return settings.l1Enabled() && (coherent() || !settings.durable());
    }

    private void fillL1After(CacheEntry entry, NamespaceSettings settings) {
        fillL1(entry, settings, generation(entry.key()));
    }

    private void fillL1(CacheEntry entry, NamespaceSettings settings, Generation before) {
        if (!settings.l1Enabled() || !coherent()) {
            return;
        }
        l1.put(entry, settings.l1Ttl(), settings.l1MaxEntries());
        // an invalidation that arrived while we were reading may have missed what we just put
        if (!generation(entry.key()).equals(before)) {
            l1.drop(entry.key());
        }
    }

    private Generation generation(CacheKey key) {
        return generation(TenantContext.require(), key);
    }

    private Generation generation(TenantId tenant, CacheKey key) {
        long global = globalGeneration.get();
        return new Generation(global, keyGenerations.get(stripe(tenant, key)));
    }

    private static int stripe(TenantId tenant, CacheKey key) {
        return (tenant.hashCode() * 31 + key.hashCode()) & (STRIPES - 1);
    }

    private void applyLocally(TenantId tenant, Invalidation invalidation) {
        if (invalidation instanceof Invalidation.Keys keys) {
            for (String key : keys.keys()) {
                keyGenerations.incrementAndGet(stripe(tenant, new CacheKey(keys.namespace(), key)));
            }
        } else {
            globalGeneration.incrementAndGet();
        }
        if (invalidation instanceof Invalidation.Namespace) {
            settingsCache.remove(new Scoped(tenant, invalidation.namespace()));
        }
        l1.drop(tenant, invalidation);
        synchronized (fillSignal) {
            fillSignal.notifyAll();
        }
    }

    private void channelChanged(boolean connected) {
        if (connected) {
            // what was published while we were away is lost: flush, then trust again
            globalGeneration.incrementAndGet();
            l1.clear();
            settingsCache.clear();
            trusted = true;
            LOG.log(System.Logger.Level.INFO, "cache invalidation channel is back; L1 flushed and trusted again");
        } else {
            trusted = false;
            globalGeneration.incrementAndGet();
            l1.clear();
            LOG.log(System.Logger.Level.WARNING, "cache invalidation channel lost; L1 bypassed for durable namespaces");
        }
    }

    private void publish(TenantId tenant, Invalidation invalidation) {
        try {
            bus.publish(invalidation);
        } catch (StoreUnavailableException e) {
            // L2 already holds the truth; only the broadcast is owed
            enqueue(new Repair(tenant, invalidation, false));
        }
    }

    private void queueRepair(TenantId tenant, Invalidation invalidation) {
        enqueue(new Repair(tenant, invalidation, true));
    }

    private void enqueue(Repair repair) {
        if (repairCount.incrementAndGet() > MAX_REPAIRS) {
            repairCount.decrementAndGet();
            // too much to replay one by one: the peers flush their L1 when their channel returns anyway,
            // and L2 entries age out by TTL; say so loudly
            LOG.log(System.Logger.Level.WARNING, "cache repair queue full; an invalidation of L2 is dropped");
            return;
        }
        repairs.add(repair);
    }

    private void repairSafely() {
        try {
            repair();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cache repair failed: " + e.getClass().getSimpleName());
        }
    }

    /** Replays queued invalidations against Redis (L2 delete, leases, broadcast) until Redis takes them. */
    void repair() {
        Repair next;
        while ((next = repairs.peek()) != null) {
            Repair repair = next;
            try {
                TenantContext.runAs(repair.tenant(), () -> {
                    if (repair.deleteInL2()) {
                        deleteIn(l2, repair.invalidation());
                    }
                    if (repair.invalidation() instanceof Invalidation.Keys keys) {
                        leases.voidKeys(keys.namespace(), keys.keys());
                    } else {
                        leases.voidNamespace(repair.invalidation().namespace());
                    }
                    bus.publish(repair.invalidation());
                });
            } catch (StoreUnavailableException e) {
                return;
            }
            repairs.poll();
            repairCount.decrementAndGet();
        }
    }

    private Counters counters(ResourceName namespace) {
        return counters.computeIfAbsent(new Scoped(TenantContext.require(), namespace), s -> new Counters());
    }

    private void count(Counters stats, CacheTier tier, boolean hit) {
        (hit ? stats.hits : stats.misses)[tier.ordinal()].increment();
        metrics.record(tier, hit ? Result.HIT : Result.MISS);
    }
}

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
import dev.strata.application.cache.port.InvalidateCacheNamespaceUseCase;
import dev.strata.application.cache.port.InvalidateCacheUseCase;
import dev.strata.application.cache.port.PeekCacheEntryUseCase;
import dev.strata.application.cache.port.PutCacheEntryCommand;
import dev.strata.application.cache.port.PutCacheEntryUseCase;
import dev.strata.application.cache.port.PutOutcome;
import dev.strata.domain.cache.CacheKey;
import dev.strata.domain.cache.Invalidation;
import dev.strata.domain.cache.NamespaceSettings;
import dev.strata.domain.cache.port.CacheLeases;
import dev.strata.domain.cache.port.CacheMetrics;
import dev.strata.domain.cache.port.CacheNamespaces;
import dev.strata.domain.cache.port.CacheStore;
import dev.strata.domain.cache.port.FillStamps;
import dev.strata.domain.cache.port.InvalidationBus;
import dev.strata.domain.cache.port.LocalCacheTier;
import dev.strata.domain.cache.port.NamespaceSettingsStore;
import dev.strata.domain.cache.port.SharedCacheTier;
import dev.strata.domain.shared.Clock;
import dev.strata.domain.shared.InvalidInputException;
import dev.strata.domain.shared.Quota;
import dev.strata.domain.shared.ResourceName;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Service: the tiered cache, one façade over the classes that do its jobs. Reads go L1 → L2 → L3 and fill
 * upward ({@link TieredReader}, and {@link CachePeeks} for the looks that never block); writes go L3 → L2 → L1
 * and are broadcast so that every instance drops its L1 copy ({@link CacheWriter}); deletes and invalidations
 * go through every tier ({@link CacheInvalidator}). They share this instance's coherence state
 * ({@link L1Coherence}: trust in L1, generation counters), the queue of invalidations still owed to Redis
 * ({@link InvalidationRepairs}), the namespace settings ({@link NamespaceSettingsMemo}), the quota registry
 * ({@link NamespaceRegistry}) and the counters ({@link CacheCounters}).
 */
public final class CacheService implements GetCacheEntryUseCase, PeekCacheEntryUseCase, GetCacheEntriesUseCase,
        PutCacheEntryUseCase, DeleteCacheEntryUseCase, InvalidateCacheUseCase, ConfigureCacheNamespaceUseCase,
        GetCacheStatsUseCase, InvalidateCacheNamespaceUseCase, AutoCloseable {
    /** Default bound on the (tenant, namespace) pairs this instance keeps settings, counters and registrations for. */
    public static final int DEFAULT_MAX_TRACKED_NAMESPACES = 100_000;

    private final LocalCacheTier l1;
    private final InvalidationBus bus;
    private final NamespaceSettingsStore settingsStore;
    private final CacheTuning tuning;
    private final NamespaceSettingsMemo settingsMemo;
    private final CacheCounters counters;
    private final NamespaceRegistry registry;
    private final L1Coherence coherence;
    private final InvalidationRepairs repairs;
    private final TieredReader reader;
    private final CachePeeks peeks;
    private final CacheWriter writer;
    private final CacheInvalidator invalidator;
    private InvalidationBus.Subscription subscription;

    public CacheService(LocalCacheTier l1, SharedCacheTier l2, CacheStore l3, CacheLeases leases, FillStamps stamps,
                        InvalidationBus bus, NamespaceSettingsStore settingsStore, CacheMetrics metrics, Clock clock,
                        CacheTuning tuning) {
        this(l1, l2, l3, leases, stamps, bus, settingsStore, metrics, clock, tuning, null, null,
                DEFAULT_MAX_TRACKED_NAMESPACES);
    }

    /**
     * With a namespaces quota: a write or configuration of a namespace new to the tenant registers it first
     * ({@code namespaces}), refused beyond {@code namespaceQuota}; reads never register anything.
     *
     * @param maxTrackedNamespaces bound on the (tenant, namespace) pairs held in memory per kind of bookkeeping
     */
    public CacheService(LocalCacheTier l1, SharedCacheTier l2, CacheStore l3, CacheLeases leases, FillStamps stamps,
                        InvalidationBus bus, NamespaceSettingsStore settingsStore, CacheMetrics metrics, Clock clock,
                        CacheTuning tuning, CacheNamespaces namespaces, Quota namespaceQuota, int maxTrackedNamespaces) {
        this.registry = new NamespaceRegistry(namespaces, namespaceQuota, maxTrackedNamespaces);
        this.l1 = l1;
        this.bus = bus;
        this.settingsStore = settingsStore;
        this.tuning = tuning;
        this.settingsMemo = new NamespaceSettingsMemo(settingsStore, tuning.settingsTtl(), maxTrackedNamespaces);
        this.counters = new CacheCounters(metrics, maxTrackedNamespaces);
        this.coherence = new L1Coherence(l1, bus, settingsMemo);
        this.repairs = new InvalidationRepairs(l2, leases, bus);
        this.reader = new TieredReader(l1, l2, l3, leases, stamps, coherence, settingsMemo, counters, tuning.leaseTtl());
        this.peeks = new CachePeeks(l1, l2, coherence, settingsMemo, counters);
        this.writer = new CacheWriter(l1, l2, l3, leases, stamps, coherence, repairs, settingsMemo, registry, clock);
        this.invalidator = new CacheInvalidator(l1, l2, l3, leases, coherence, repairs, settingsMemo);
    }

    /** Subscribes to the invalidation channel and starts the repair loop; call once before use. */
    public synchronized CacheService start() {
        if (subscription != null) {
            return this;
        }
        subscription = bus.subscribe(coherence);
        coherence.subscribed();
        repairs.start(tuning.repairInterval());
        return this;
    }

    @Override
    public synchronized void close() {
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
        repairs.close();
    }

    /** See {@link L1Coherence#coherent()}: true while durable namespaces may be served from L1. */
    public boolean coherent() {
        return coherence.coherent();
    }

    /**
     * False from the moment this instance has acted on a lost invalidation channel (L1 flushed, durable
     * namespaces bypassing it) until the channel is back and L1 flushed again.
     */
    public boolean channelTrusted() {
        return coherence.trusted();
    }

    /** Invalidations waiting to reach Redis. */
    public int pendingRepairs() {
        return repairs.pending();
    }

    /** The namespace's settings: this instance's copy, else Postgres, else the defaults. */
    public NamespaceSettings settings(ResourceName namespace) {
        return settingsMemo.get(namespace);
    }

    @Override
    public CacheLookup get(GetCacheEntryQuery query) {
        return reader.get(query);
    }

    @Override
    public Optional<CacheLookup.Hit> getFromMemory(CacheKey key, int maxBytes) {
        return peeks.fromMemory(key, maxBytes);
    }

    @Override
    public CompletionStage<Optional<CacheLookup.Hit>> getWithoutBlocking(CacheKey key) {
        return peeks.withoutBlocking(key);
    }

    @Override
    public CacheEntries getAll(GetCacheEntriesQuery query) {
        return reader.getAll(query);
    }

    @Override
    public PutOutcome put(PutCacheEntryCommand command) {
        return writer.put(command);
    }

    @Override
    public boolean delete(DeleteCacheEntryCommand command) {
        return invalidator.delete(command);
    }

    @Override
    public long invalidate(InvalidateCacheCommand command) {
        return invalidator.invalidate(command);
    }

    @Override
    public long invalidateNamespace(ResourceName namespace) {
        if (namespace == null) {
            throw new InvalidInputException("namespace", "namespace must not be null");
        }
        return invalidator.invalidateNamespace(namespace);
    }

    @Override
    public NamespaceSettings configure(ConfigureCacheNamespaceCommand command) {
        TenantId tenant = TenantContext.require();
        NamespaceSettings settings = command.settings();
        registry.register(tenant, settings.namespace());
        settingsStore.save(settings);
        // every instance drops its copy of the settings and the namespace's L1 entries (a change of
        // durability or L1 limits must not leave entries admitted under the old rules)
        Invalidation everything = Invalidation.namespace(settings.namespace());
        repairs.broadcast(tenant, everything);
        coherence.apply(tenant, everything);
        return settings;
    }

    @Override
    public CacheStats stats(GetCacheStatsQuery query) {
        boolean durable = settingsMemo.get(query.namespace()).durable();
        return counters.stats(query.namespace(), durable, l1.size(query.namespace()));
    }

    /** (tenant, namespace) pairs this instance holds settings, counters and registrations for, at most. */
    int trackedNamespaces() {
        return Math.max(settingsMemo.size(), Math.max(counters.size(), registry.size()));
    }
}

package dev.strata.application.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.application.cache.port.ConfigureCacheNamespaceCommand;
import dev.strata.application.cache.port.GetCacheEntryQuery;
import dev.strata.application.cache.port.GetCacheStatsQuery;
import dev.strata.application.cache.port.PutCacheEntryCommand;
import dev.strata.application.cache.port.PutOutcome;
import dev.strata.domain.cache.CacheKey;
import dev.strata.domain.cache.CacheValue;
import dev.strata.domain.cache.InMemoryCacheLeases;
import dev.strata.domain.cache.InMemoryCacheStore;
import dev.strata.domain.cache.InMemoryInvalidationBus;
import dev.strata.domain.cache.InMemoryLocalCacheTier;
import dev.strata.domain.cache.InMemoryNamespaceSettingsStore;
import dev.strata.domain.cache.InMemorySharedCacheTier;
import dev.strata.domain.cache.NamespaceSettings;
import dev.strata.domain.cache.port.CacheMetrics;
import dev.strata.domain.cache.port.CacheNamespaces;
import dev.strata.domain.shared.Clock;
import dev.strata.domain.shared.Quota;
import dev.strata.domain.shared.QuotaExceededException;
import dev.strata.domain.shared.ResourceName;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The cache engine's per-tenant bookkeeping stays bounded, and new namespaces count against the quota. */
class CacheServiceBoundsTest {
    private static final int BOUND = 50;
    private final InMemoryCacheLeases leases = new InMemoryCacheLeases();
    /** Registry fake: (tenant, namespace) pairs, quota checked like the Postgres adapter does. */
    private final Set<String> registry = new HashSet<>();
    private final CacheNamespaces namespaces = (namespace, quota) -> {
        synchronized (registry) {
            String tenant = TenantContext.require().toString();
            if (registry.contains(tenant + "/" + namespace.value())) {
                return;
            }
            quota.check(registry.stream().filter(k -> k.startsWith(tenant + "/")).count());
            registry.add(tenant + "/" + namespace.value());
        }
    };
    private final CacheService service = new CacheService(new InMemoryLocalCacheTier(),
            new InMemorySharedCacheTier(Clock.system(), leases), new InMemoryCacheStore(), leases, leases,
            new InMemoryInvalidationBus(new InMemoryInvalidationBus.Channel()), new InMemoryNamespaceSettingsStore(),
            CacheMetrics.none(), Clock.system(), CacheTuning.defaults(), namespaces, new Quota("namespaces", 3), BOUND).start();

    @AfterEach
    void stop() {
        TenantContext.swap(null);
        service.close();
    }

    @Test
    void aFloodOfReadsOfDistinctNamespacesKeepsItsMapsWithinTheBound() {
        TenantContext.swap(TenantId.random());
        for (int i = 0; i < 5_000; i++) {
            ResourceName namespace = new ResourceName("ns-" + i);
            service.get(GetCacheEntryQuery.of(new CacheKey(namespace, "k")));
            service.stats(new GetCacheStatsQuery(namespace));
            assertTrue(service.trackedNamespaces() <= BOUND, "tracked " + service.trackedNamespaces());
        }
        // reads never bring a namespace into use
        assertEquals(0, registry.size());
    }

    @Test
    void writesAndConfigurationsBeyondTheQuotaAreRefusedPerTenant() {
        TenantId tenant = TenantId.random();
        TenantId other = TenantId.random();
        TenantContext.swap(tenant);
        service.configure(new ConfigureCacheNamespaceCommand(NamespaceSettings.defaults(new ResourceName("a"))));
        put("b");
        put("c");
        put("a"); // known namespaces stay writable
        QuotaExceededException refused = assertThrows(QuotaExceededException.class, () -> put("d"));
        assertEquals("namespaces", refused.quota().name());
        assertEquals(3, refused.quota().limit());
        assertThrows(QuotaExceededException.class,
                () -> service.configure(new ConfigureCacheNamespaceCommand(NamespaceSettings.defaults(new ResourceName("e")))));
        TenantContext.swap(other);
        put("d");
        put("e");
        put("f");
        assertThrows(QuotaExceededException.class, () -> put("g"));
    }

    private void put(String namespace) {
        PutOutcome outcome = service.put(PutCacheEntryCommand.of(new CacheKey(new ResourceName(namespace), "k"),
                CacheValue.ofUtf8("1")));
        assertInstanceOf(PutOutcome.Stored.class, outcome);
    }
}

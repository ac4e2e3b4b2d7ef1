package dev.strata.application.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.application.cache.port.CacheEntries;
import dev.strata.application.cache.port.CacheLookup;
import dev.strata.application.cache.port.GetCacheStatsQuery;
import dev.strata.application.cache.port.ConfigureCacheNamespaceCommand;
import dev.strata.application.cache.port.GetCacheEntriesQuery;
import dev.strata.application.cache.port.DeleteCacheEntryCommand;
import dev.strata.application.cache.port.GetCacheEntryQuery;
import dev.strata.application.cache.port.InvalidateCacheCommand;
import dev.strata.application.cache.port.PutCacheEntryCommand;
import dev.strata.application.cache.port.PutOutcome;
import dev.strata.domain.cache.CacheKey;
import dev.strata.domain.cache.CacheTier;
import dev.strata.domain.cache.CacheValue;
import dev.strata.domain.cache.InMemoryCacheLeases;
import dev.strata.domain.cache.InMemoryCacheStore;
import dev.strata.domain.cache.InMemoryInvalidationBus;
import dev.strata.domain.cache.InMemoryLocalCacheTier;
import dev.strata.domain.cache.InMemoryNamespaceSettingsStore;
import dev.strata.domain.cache.InMemorySharedCacheTier;
import dev.strata.domain.cache.LeaseToken;
import dev.strata.domain.cache.NamespaceSettings;
import dev.strata.domain.cache.Tag;
import dev.strata.domain.cache.port.CacheMetrics;
import dev.strata.domain.shared.Clock;
import dev.strata.domain.shared.ResourceName;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The cache engine on fakes: two instances share L2, L3, leases, settings and one invalidation channel. */
class CacheServiceTest {
    private static final ResourceName NS = new ResourceName("products");
    private final InMemoryCacheLeases leases = new InMemoryCacheLeases();
    private final InMemorySharedCacheTier l2 = new InMemorySharedCacheTier(Clock.system(), leases);
    private final InMemoryCacheStore l3 = new InMemoryCacheStore();
    private final InMemoryNamespaceSettingsStore settings = new InMemoryNamespaceSettingsStore();
    private final InMemoryInvalidationBus.Channel channel = new InMemoryInvalidationBus.Channel();
    private final InMemoryInvalidationBus busA = new InMemoryInvalidationBus(channel);
    private final InMemoryInvalidationBus busB = new InMemoryInvalidationBus(channel);
    private final InMemoryLocalCacheTier l1A = new InMemoryLocalCacheTier();
    private CacheService a;
    private CacheService b;
    private final TenantId tenant = TenantId.random();

    @BeforeEach
    void start() {
        a = service(l1A, busA);
        b = service(new InMemoryLocalCacheTier(), busB);
        TenantContext.swap(tenant);
    }

    @AfterEach
    void stop() {
        TenantContext.swap(null);
        a.close();
        b.close();
    }

    private CacheService service(InMemoryLocalCacheTier l1, InMemoryInvalidationBus bus) {
        return new CacheService(l1, l2, l3, leases, leases, bus, settings, CacheMetrics.none(), Clock.system(), CacheTuning.defaults()).start();
    }

    private static CacheKey key(String key) {
        return new CacheKey(NS, key);
    }

    private static PutCacheEntryCommand put(String key, String json) {
        return PutCacheEntryCommand.of(key(key), CacheValue.ofUtf8(json));
    }

    private static CacheLookup.Hit hit(CacheService service, String key) {
        return assertInstanceOf(CacheLookup.Hit.class, service.get(GetCacheEntryQuery.of(key(key))));
    }

    @Test
    void readsFillUpwardAndAnswerFromTheHighestTier() {
        a.put(put("k", "{\"v\":1}"));
        l2.delete(key("k"));
        assertEquals(CacheTier.L3, hit(b, "k").tier());
        assertEquals(CacheTier.L1, hit(b, "k").tier(), "L3 filled L1");
        assertTrue(l2.get(key("k")).isPresent(), "L3 filled L2");
    }

    @Test
    void aWriteOnOneInstanceDropsTheOthersL1Copy() {
        a.put(put("k", "{\"v\":1}"));
        hit(b, "k");
        assertEquals(CacheTier.L1, hit(b, "k").tier());
        a.put(put("k", "{\"v\":2}"));
        assertEquals("{\"v\":2}", hit(b, "k").entry().value().asUtf8());
    }

    @Test
    void aLostChannelBypassesL1UntilItIsBackAndFlushed() {
        a.put(put("k", "{\"v\":1}"));
        hit(a, "k");
        assertEquals(CacheTier.L1, hit(a, "k").tier());
        busA.disconnect();
        assertEquals(CacheTier.L2, hit(a, "k").tier());
        b.put(put("k", "{\"v\":2}"));
        busA.reconnect();
        assertEquals("{\"v\":2}", hit(a, "k").entry().value().asUtf8());
    }

    @Test
    void memoryAloneAnswersOnlyATrustedL1HitAndFollowsEveryInvalidation() {
        a.put(put("k", "{\"v\":1}"));
        assertTrue(b.getFromMemory(key("k")).isEmpty(), "nothing held yet: the tiers decide");
        hit(b, "k");
        Optional<CacheLookup.Hit> local = b.getFromMemory(key("k"));
        assertEquals(CacheTier.L1, local.orElseThrow().tier());
        assertEquals("{\"v\":1}", local.get().entry().value().asUtf8());
        long l1Hits = b.stats(new GetCacheStatsQuery(NS)).hits().get(CacheTier.L1);
        assertTrue(b.getFromMemory(key("k"), 6).isEmpty(), "7 bytes: too large for this caller");
        assertEquals(l1Hits, b.stats(new GetCacheStatsQuery(NS)).hits().get(CacheTier.L1), "and not counted");
        assertEquals(CacheTier.L1, b.getFromMemory(key("k"), 7).orElseThrow().tier());
        assertEquals(l1Hits + 1, b.stats(new GetCacheStatsQuery(NS)).hits().get(CacheTier.L1), "a hit is counted");

        a.put(put("k", "{\"v\":2}"));
        assertTrue(b.getFromMemory(key("k")).isEmpty(), "a write elsewhere dropped the copy");
        assertEquals("{\"v\":2}", hit(b, "k").entry().value().asUtf8());
        assertEquals("{\"v\":2}", b.getFromMemory(key("k")).orElseThrow().entry().value().asUtf8());

        busB.disconnect();
        assertTrue(b.getFromMemory(key("k")).isEmpty(), "no channel: a durable namespace bypasses L1");
        busB.reconnect();
        assertTrue(b.getFromMemory(key("k")).isEmpty(), "L1 was flushed when the channel came back");

        a.configure(new ConfigureCacheNamespaceCommand(new NamespaceSettings(NS, NamespaceSettings.DEFAULT_TTL, true, false,
                NamespaceSettings.DEFAULT_L1_MAX_ENTRIES, NamespaceSettings.DEFAULT_L1_TTL)));
        hit(b, "k");
        assertTrue(b.getFromMemory(key("k")).isEmpty(), "L1 switched off for the namespace");
    }

    @Test
    void withoutBlockingAnL1OrL2HitIsAnsweredAndAnythingElseLeftToGet() throws Exception {
        a.put(put("k", "{\"v\":1}"));
        assertTrue(nonBlocking(b, "k").isEmpty(), "settings not held yet: get() decides");
        hit(b, "k");
        assertEquals(CacheTier.L1, nonBlocking(b, "k").orElseThrow().tier());

        busB.disconnect();
        Optional<CacheLookup.Hit> shared = nonBlocking(b, "k");
        assertEquals(CacheTier.L2, shared.orElseThrow().tier(), "L1 not trusted: Redis answers");
        assertEquals("{\"v\":1}", shared.get().entry().value().asUtf8());
        busB.reconnect();

        b.delete(new DeleteCacheEntryCommand(key("k")));
        assertTrue(nonBlocking(b, "k").isEmpty(), "a miss in L1 and L2 is left to get()");
        a.put(put("k", "{\"v\":2}"));
        assertEquals("{\"v\":2}", nonBlocking(b, "k").orElseThrow().entry().value().asUtf8());
        assertEquals(CacheTier.L1, nonBlocking(b, "k").orElseThrow().tier(), "an L2 hit fills L1");
    }

    private static Optional<CacheLookup.Hit> nonBlocking(CacheService service, String key) throws Exception {
        return service.getWithoutBlocking(key(key)).toCompletableFuture().get(5, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Test
    void exactlyOneLeaseAndAVoidedLeaseStoresNothing() {
        CacheLookup.Miss first = assertInstanceOf(CacheLookup.Miss.class,
                a.get(new GetCacheEntryQuery(key("k"), true, Duration.ZERO)));
        CacheLookup.Miss second = assertInstanceOf(CacheLookup.Miss.class,
                b.get(new GetCacheEntryQuery(key("k"), true, Duration.ZERO)));
        LeaseToken token = first.lease().orElseThrow();
        assertTrue(second.lease().isEmpty());
        b.invalidate(new InvalidateCacheCommand(NS, Set.of("k"), Set.of(), Optional.empty()));
        PutOutcome outcome = a.put(new PutCacheEntryCommand(key("k"), CacheValue.ofUtf8("1"), Optional.empty(), Set.of(),
                Optional.empty(), Optional.of(token)));
        assertInstanceOf(PutOutcome.LeaseRefused.class, outcome);
        assertInstanceOf(CacheLookup.Miss.class, a.get(GetCacheEntryQuery.of(key("k"))));
    }

    @Test
    void invalidationByTagAndPrefixCountsAndDrops() {
        a.put(new PutCacheEntryCommand(key("user:1"), CacheValue.ofUtf8("1"), Optional.empty(), Set.of(new Tag("red")),
                Optional.empty(), Optional.empty()));
        a.put(put("user:2", "2"));
        a.put(put("other", "3"));
        hit(b, "user:1");
        assertEquals(1, b.invalidate(new InvalidateCacheCommand(NS, Set.of(), Set.of(new Tag("red")), Optional.empty())));
        assertEquals(1, b.invalidate(new InvalidateCacheCommand(NS, Set.of(), Set.of(), Optional.of("user:"))));
        assertInstanceOf(CacheLookup.Miss.class, a.get(GetCacheEntryQuery.of(key("user:1"))));
        CacheEntries entries = a.getAll(new GetCacheEntriesQuery(NS, List.of("other", "user:2")));
        assertEquals(Set.of("other"), entries.found().keySet());
        assertEquals(List.of("user:2"), entries.missing());
    }

    @Test
    void aNamespaceWideInvalidationDropsTheWholeNamespaceOnEveryInstanceAndNothingElse() {
        ResourceName other = new ResourceName("carts");
        a.put(put("k1", "1"));
        a.put(put("k2", "2"));
        a.put(PutCacheEntryCommand.of(new CacheKey(other, "k1"), CacheValue.ofUtf8("3")));
        assertEquals(CacheTier.L1, hit(a, "k1").tier());
        assertEquals(2, b.invalidateNamespace(NS));
        assertInstanceOf(CacheLookup.Miss.class, a.get(GetCacheEntryQuery.of(key("k1"))), "the other instance's L1 copy went too");
        assertInstanceOf(CacheLookup.Miss.class, a.get(GetCacheEntryQuery.of(key("k2"))));
        assertInstanceOf(CacheLookup.Hit.class, a.get(GetCacheEntryQuery.of(new CacheKey(other, "k1"))));
        assertEquals(0, b.invalidateNamespace(NS));
    }

    @Test
    void nonDurableNamespacesNeverReachL3() {
        a.configure(new ConfigureCacheNamespaceCommand(
                new NamespaceSettings(NS, Duration.ofSeconds(60), false, true, 10, Duration.ofSeconds(10))));
        a.put(put("k", "1"));
        assertTrue(l3.get(key("k")).isEmpty());
        assertEquals(CacheTier.L2, hit(b, "k").tier());
    }

    @Test
    void aDeleteThatCrossesAWriteBetweenItsTiersLeavesNoStaleValueInL2() {
        HookedStore hooked = new HookedStore(l3);
        CacheService c = service(new InMemoryLocalCacheTier(), busA, hooked);
        try {
            // c writes L3, then b deletes the key from every tier, then c reaches L2
            hooked.afterNextPut(() -> b.delete(new DeleteCacheEntryCommand(key("k"))));
            c.put(put("k", "{\"v\":1}"));
            assertTrue(l3.get(key("k")).isEmpty(), "the delete came last in L3");
            assertTrue(l2.get(key("k")).isEmpty(), "so L2 must not keep the write");
            assertInstanceOf(CacheLookup.Miss.class, c.get(GetCacheEntryQuery.of(key("k"))));
            assertInstanceOf(CacheLookup.Miss.class, b.get(GetCacheEntryQuery.of(key("k"))));
        } finally {
            c.close();
        }
    }

    @Test
    void twoWritesThatCrossBetweenTheirTiersLeaveL2EmptyOrAsL3() {
        HookedStore hooked = new HookedStore(l3);
        CacheService c = service(new InMemoryLocalCacheTier(), busA, hooked);
        try {
            // c writes v1 to L3, then b writes v2 to every tier, then c reaches L2 with v1
            hooked.afterNextPut(() -> b.put(put("k", "{\"v\":2}")));
            c.put(put("k", "{\"v\":1}"));
            assertEquals("{\"v\":2}", l3.get(key("k")).orElseThrow().value().asUtf8(), "b's write came last in L3");
            assertTrue(l2.get(key("k")).isEmpty(), "c's write did not land in L2 over b's: L2 emptied instead");
            assertEquals("{\"v\":2}", hit(a, "k").entry().value().asUtf8());
            assertEquals("{\"v\":2}", hit(c, "k").entry().value().asUtf8());
            assertEquals("{\"v\":2}", l2.get(key("k")).orElseThrow().value().asUtf8(), "filled again from L3");
        } finally {
            c.close();
        }
    }

    private CacheService service(InMemoryLocalCacheTier l1, InMemoryInvalidationBus bus, dev.strata.domain.cache.port.CacheStore durable) {
        return new CacheService(l1, l2, durable, leases, leases, bus, settings, CacheMetrics.none(), Clock.system(), CacheTuning.defaults()).start();
    }

    /** The durable tier with a hook that runs right after its next put: another writer's turn. */
    private static final class HookedStore implements dev.strata.domain.cache.port.CacheStore {
        private final InMemoryCacheStore delegate;
        private Runnable afterNextPut;

        HookedStore(InMemoryCacheStore delegate) {
            this.delegate = delegate;
        }

        void afterNextPut(Runnable hook) {
            afterNextPut = hook;
        }

        @Override
        public void put(dev.strata.domain.cache.CacheEntry entry) {
            delegate.put(entry);
            Runnable hook = afterNextPut;
            afterNextPut = null;
            if (hook != null) {
                hook.run();
            }
        }

        @Override
        public Optional<dev.strata.domain.cache.CacheEntry> get(CacheKey key) {
            return delegate.get(key);
        }

        @Override
        public java.util.Map<CacheKey, dev.strata.domain.cache.CacheEntry> getAll(java.util.Collection<CacheKey> keys) {
            return delegate.getAll(keys);
        }

        @Override
        public boolean putIfAbsent(dev.strata.domain.cache.CacheEntry entry) {
            return delegate.putIfAbsent(entry);
        }

        @Override
        public boolean putIfMatch(dev.strata.domain.cache.CacheEntry entry, dev.strata.domain.cache.ETag expected) {
            return delegate.putIfMatch(entry, expected);
        }

        @Override
        public boolean delete(CacheKey key) {
            return delegate.delete(key);
        }

        @Override
        public long deleteByPrefix(ResourceName namespace, String prefix) {
            return delegate.deleteByPrefix(namespace, prefix);
        }

        @Override
        public long deleteByTag(ResourceName namespace, dev.strata.domain.cache.Tag tag) {
            return delegate.deleteByTag(namespace, tag);
        }

        @Override
        public long deleteNamespace(ResourceName namespace) {
            return delegate.deleteNamespace(namespace);
        }
    }

    @Test
    void postgresDownFailsDurableMissesAndWritesButServesTheTiersAbove() {
        a.put(put("k", "1"));
        hit(a, "k");
        CacheService down = new CacheService(new InMemoryLocalCacheTier(), l2, new DownStore(), leases, leases, busA, settings,
                CacheMetrics.none(), Clock.system(), CacheTuning.defaults()).start();
        try {
            assertEquals(CacheTier.L2, hit(down, "k").tier(), "an L2 hit needs no Postgres");
            a.put(put("only-in-l3", "1"));
            l2.delete(key("only-in-l3"));
            org.junit.jupiter.api.Assertions.assertThrows(dev.strata.domain.shared.StoreUnavailableException.class,
                    () -> down.get(GetCacheEntryQuery.of(key("only-in-l3"))));
            org.junit.jupiter.api.Assertions.assertThrows(dev.strata.domain.shared.StoreUnavailableException.class,
                    () -> down.put(put("k", "2")));
            assertEquals("1", l2.get(key("k")).orElseThrow().value().asUtf8(), "a write that failed in L3 reached no other tier");
        } finally {
            down.close();
        }
    }

    /** A cache tier whose store is unreachable. */
    private static final class DownStore implements dev.strata.domain.cache.port.CacheStore {
        private static dev.strata.domain.shared.StoreUnavailableException down() {
            return new dev.strata.domain.shared.StoreUnavailableException("postgres", "down", null);
        }

        @Override
        public Optional<dev.strata.domain.cache.CacheEntry> get(CacheKey key) {
            throw down();
        }

        @Override
        public java.util.Map<CacheKey, dev.strata.domain.cache.CacheEntry> getAll(java.util.Collection<CacheKey> keys) {
            throw down();
        }

        @Override
        public void put(dev.strata.domain.cache.CacheEntry entry) {
            throw down();
        }

        @Override
        public boolean putIfAbsent(dev.strata.domain.cache.CacheEntry entry) {
            throw down();
        }

        @Override
        public boolean putIfMatch(dev.strata.domain.cache.CacheEntry entry, dev.strata.domain.cache.ETag expected) {
            throw down();
        }

        @Override
        public boolean delete(CacheKey key) {
            throw down();
        }

        @Override
        public long deleteByPrefix(ResourceName namespace, String prefix) {
            throw down();
        }

        @Override
        public long deleteByTag(ResourceName namespace, Tag tag) {
            throw down();
        }

        @Override
        public long deleteNamespace(ResourceName namespace) {
            throw down();
        }
    }
}

package dev.strata.application.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.domain.cache.CacheEntry;
import dev.strata.domain.cache.CacheKey;
import dev.strata.domain.cache.CacheValue;
import dev.strata.domain.cache.InMemoryCacheLeases;
import dev.strata.domain.cache.InMemoryCacheStore;
import dev.strata.domain.cache.InMemoryInvalidationBus;
import dev.strata.domain.cache.Invalidation;
import dev.strata.domain.cache.LeaseToken;
import dev.strata.domain.shared.ResourceName;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The queue of invalidations owed to Redis: replayed in order once Redis answers, bounded meanwhile. */
class InvalidationRepairsTest {
    private static final ResourceName NS = new ResourceName("products");
    private final InMemoryCacheStore l2 = new InMemoryCacheStore();
    private final InMemoryCacheLeases leases = new InMemoryCacheLeases();
    private final InMemoryInvalidationBus.Channel channel = new InMemoryInvalidationBus.Channel();
    private final InMemoryInvalidationBus bus = new InMemoryInvalidationBus(channel);
    private final InMemoryInvalidationBus peer = new InMemoryInvalidationBus(channel);
    private final List<Invalidation> heardByPeer = new CopyOnWriteArrayList<>();
    private final TenantId tenant = TenantId.random();
    private InvalidationRepairs repairs;

    @BeforeEach
    void start() {
        repairs = new InvalidationRepairs(l2, leases, bus, 3);
        peer.subscribe((tenantId, invalidation) -> heardByPeer.add(invalidation));
        TenantContext.swap(tenant);
    }

    @AfterEach
    void stop() {
        TenantContext.swap(null);
        repairs.close();
    }

    private static CacheKey key(String key) {
        return new CacheKey(NS, key);
    }

    private void store(String key) {
        l2.put(CacheEntry.of(key(key), CacheValue.ofUtf8("1"), Instant.now().plus(Duration.ofHours(1)), Set.of()));
    }

    private static Invalidation drop(String key) {
        return Invalidation.keys(NS, Set.of(key));
    }

    @Test
    void aBroadcastIsSentAtOnceWhileTheChannelIsUp() {
        repairs.broadcast(tenant, drop("a"));
        assertEquals(List.of(drop("a")), heardByPeer);
        assertEquals(0, repairs.pending());
    }

    @Test
    void whatCouldNotReachRedisIsReplayedInOrderOnceItAnswers() {
        store("owed-broadcast");
        store("owed-delete");
        LeaseToken lease = leases.acquire(key("owed-delete"), Duration.ofSeconds(10)).orElseThrow();
        bus.disconnect();
        peer.disconnect();
        repairs.broadcast(tenant, drop("owed-broadcast"));
        repairs.queue(tenant, drop("owed-delete"));
        assertEquals(2, repairs.pending());

        repairs.repair();
        assertEquals(2, repairs.pending(), "the channel is still down: nothing is taken off the queue");

        bus.reconnect();
        peer.reconnect();
        TenantContext.swap(null);
        repairs.repair(); // runs on its own thread in production: outside any tenant context
        TenantContext.swap(tenant);
        assertEquals(0, repairs.pending());
        assertEquals(List.of(drop("owed-broadcast"), drop("owed-delete")), heardByPeer, "in the order they were owed");
        assertTrue(l2.get(key("owed-broadcast")).isPresent(), "a broadcast-only repair leaves L2 alone");
        assertTrue(l2.get(key("owed-delete")).isEmpty(), "the owed L2 delete was done");
        assertFalse(leases.redeem(key("owed-delete"), lease), "and the key's lease voided");
    }

    @Test
    void theQueueIsBounded() {
        bus.disconnect();
        for (int i = 0; i < 5; i++) {
            repairs.queue(tenant, drop("k" + i));
        }
        assertEquals(3, repairs.pending(), "beyond the bound an invalidation is dropped");
        bus.reconnect();
        repairs.repair();
        assertEquals(0, repairs.pending());
    }

    @Test
    void theThreadReplaysTheQueueOnItsOwn() throws Exception {
        bus.disconnect();
        repairs.queue(tenant, drop("k"));
        repairs.start(Duration.ofMillis(10));
        bus.reconnect();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (repairs.pending() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(0, repairs.pending());
        assertTrue(heardByPeer.contains(drop("k")));
    }
}

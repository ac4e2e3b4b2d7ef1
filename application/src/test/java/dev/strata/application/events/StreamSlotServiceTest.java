package dev.strata.application.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.application.events.port.AcquireStreamSlotUseCase.StreamSlot;
import dev.strata.domain.events.port.OpenStreams;
import dev.strata.domain.shared.Quota;
import dev.strata.domain.shared.QuotaExceededException;
import dev.strata.domain.shared.StoreUnavailableException;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Open-stream slots: counted in the shared store, bounded per instance when the store is unreachable. */
class StreamSlotServiceTest {
    /** Shared-store fake: per-tenant sets (no expiry), and a switch that makes it unreachable. */
    private static final class FakeOpenStreams implements OpenStreams {
        final Map<TenantId, Set<String>> streams = new HashMap<>();
        volatile boolean down;
        final CountDownLatch refreshed = new CountDownLatch(1);

        @Override
        public synchronized boolean tryOpen(TenantId tenant, String streamId, long limit, Duration lease) {
            failIfDown();
            Set<String> ids = streams.computeIfAbsent(tenant, t -> new HashSet<>());
            if (ids.size() >= limit) {
                return false;
            }
            return ids.add(streamId);
        }

        @Override
        public synchronized void refresh(TenantId tenant, Collection<String> streamIds, Duration lease) {
            failIfDown();
            streams.computeIfAbsent(tenant, t -> new HashSet<>()).addAll(streamIds);
            refreshed.countDown();
        }

        @Override
        public synchronized void close(TenantId tenant, String streamId) {
            failIfDown();
            streams.getOrDefault(tenant, new HashSet<>()).remove(streamId);
        }

        synchronized int count(TenantId tenant) {
            return streams.getOrDefault(tenant, Set.of()).size();
        }

        private void failIfDown() {
            if (down) {
                throw new StoreUnavailableException("redis", "down", null);
            }
        }
    }

    private final FakeOpenStreams store = new FakeOpenStreams();
    private final TenantId tenant = TenantId.random();
    private StreamSlotService slots;

    @AfterEach
    void stop() {
        TenantContext.swap(null);
        slots.close();
    }

    @Test
    void theSharedCountRefusesBeyondTheQuotaAndAClosedSlotFreesIt() {
        slots = new StreamSlotService(store, new Quota("sse-streams", 2), Duration.ofMinutes(1));
        TenantContext.swap(tenant);
        store.tryOpen(tenant, "held-by-another-instance", 2, Duration.ofMinutes(1));
        StreamSlot mine = slots.acquire();
        QuotaExceededException refused = assertThrows(QuotaExceededException.class, slots::acquire);
        assertEquals("sse-streams", refused.quota().name());
        assertEquals(1, slots.openHere(tenant), "a refused slot is not kept here");
        mine.close();
        mine.close();
        assertEquals(1, store.count(tenant));
        assertEquals(0, slots.openHere(tenant));
        slots.acquire();
        TenantContext.swap(TenantId.random());
        slots.acquire();
        slots.acquire();
    }

    @Test
    void withTheSharedStoreDownThisInstanceStillHoldsATenantToTheQuotaAndReportsItsStreamsOnceItIsBack() throws Exception {
        slots = new StreamSlotService(store, new Quota("sse-streams", 2), Duration.ofMillis(30));
        TenantContext.swap(tenant);
        store.down = true;
        slots.acquire();
        slots.acquire();
        assertThrows(QuotaExceededException.class, slots::acquire);
        assertEquals(2, slots.openHere(tenant));
        store.down = false;
        assertTrue(store.refreshed.await(10, TimeUnit.SECONDS), "the heartbeat refreshes the open streams");
        assertEquals(2, store.count(tenant));
    }
}

package dev.strata.domain.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.domain.events.port.EventLog;
import dev.strata.domain.events.port.EventOutbox;
import dev.strata.domain.shared.ContractSupport;
import dev.strata.domain.shared.Quota;
import dev.strata.domain.shared.TenantId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract test of {@link EventOutbox}: what the {@link EventLog} appends is pending until relayed, handed
 * to the relay in order per topic under one holder at a time, not again once relayed (unless rewound), and
 * purged only once relayed; tenants never reach each other's outbox. The in-memory fake and the Postgres
 * adapter extend it.
 */
public abstract class EventOutboxContract extends ContractSupport {
    protected static final Topic ORDERS = new Topic("orders");
    protected static final Topic AUDIT = new Topic("audit");

    protected EventLog log;
    protected EventOutbox outbox;
    protected TenantId tenant;

    /** Hook: the log whose appends feed the outbox; called before each test, before {@link #createOutbox()}. */
    protected abstract EventLog createLog();

    /** Hook: the outbox under test, over the log {@link #createLog()} returned. */
    protected abstract EventOutbox createOutbox();

    @BeforeEach
    void createEventOutbox() {
        log = createLog();
        outbox = createOutbox();
        tenant = newTenant();
    }

    protected NewEvent event(String type, Instant time) {
        return new NewEvent(UUID.randomUUID().toString(), "/strata/test", type, Optional.empty(), time,
                "{}".getBytes(StandardCharsets.UTF_8));
    }

    private void append(TenantId owner, Topic topic, int count) {
        runAs(owner, () -> {
            for (int i = 0; i < count; i++) {
                log.append(topic, event("n", now()), Optional.empty());
            }
        });
    }

    /** The pending topics of {@code owner} (the store may hold other tenants' pending topics). */
    private List<PendingTopic> pendingOf(TenantId owner) {
        return outbox.pendingTopics(100_000).stream().filter(p -> p.tenant().equals(owner)).toList();
    }

    /** Relays up to {@code max} events as {@code owner}, marking all handed out relayed; returns their sequences. */
    private List<Long> relayAll(TenantId owner, Topic topic, int max) {
        List<Long> seen = new ArrayList<>();
        assertTrue(as(owner, () -> outbox.relay(topic, max, (before, events) -> {
            events.forEach(e -> seen.add(e.sequence()));
            return events.isEmpty() ? before : events.get(events.size() - 1).sequence();
        })));
        return seen;
    }

    /** The relayed position the next relay of {@code topic} starts from, marking nothing. */
    private long relayedBefore(TenantId owner, Topic topic) {
        long[] before = {-1};
        assertTrue(as(owner, () -> outbox.relay(topic, 1, (relayedBefore, events) -> {
            before[0] = relayedBefore;
            return relayedBefore;
        })));
        return before[0];
    }

    @Test
    void appendedTopicsArePendingUntilRelayedInOrder() {
        append(tenant, ORDERS, 5);
        assertEquals(List.of(new PendingTopic(tenant, ORDERS)), pendingOf(tenant));
        List<Long> seen = new ArrayList<>();
        assertTrue(as(tenant, () -> outbox.relay(ORDERS, 3, (before, events) -> {
            assertEquals(0, before);
            events.forEach(e -> seen.add(e.sequence()));
            return events.get(events.size() - 1).sequence();
        })));
        assertEquals(List.of(1L, 2L, 3L), seen);
        assertEquals(1, pendingOf(tenant).size(), "two more to relay");
        assertTrue(as(tenant, () -> outbox.relay(ORDERS, 10, (before, events) -> {
            assertEquals(3, before);
            events.forEach(e -> seen.add(e.sequence()));
            return events.get(events.size() - 1).sequence();
        })));
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), seen);
        assertTrue(pendingOf(tenant).isEmpty());

        runAs(tenant, () -> outbox.rewind(ORDERS, 2));
        assertEquals(1, pendingOf(tenant).size(), "a rewind queues the topic again");
        List<Long> again = new ArrayList<>();
        as(tenant, () -> outbox.relay(ORDERS, 10, (before, events) -> {
            events.forEach(e -> again.add(e.sequence()));
            return 5;
        }));
        assertEquals(List.of(3L, 4L, 5L), again);
    }

    @Test
    void relayedEventsAreNotHandedOutAgain() {
        append(tenant, ORDERS, 2);
        assertEquals(List.of(1L, 2L), relayAll(tenant, ORDERS, 10));
        assertEquals(List.of(), relayAll(tenant, ORDERS, 10));
        assertEquals(2, relayedBefore(tenant, ORDERS));
        assertTrue(pendingOf(tenant).isEmpty());

        append(tenant, ORDERS, 2);
        assertEquals(List.of(new PendingTopic(tenant, ORDERS)), pendingOf(tenant));
        assertEquals(List.of(3L, 4L), relayAll(tenant, ORDERS, 10));
        assertTrue(pendingOf(tenant).isEmpty());
    }

    @Test
    void aTopicWithoutEventsIsNotPendingAndHandsOutNothing() {
        runAs(tenant, () -> log.registerTopic(AUDIT, new Quota("topics", 10)));
        assertTrue(pendingOf(tenant).isEmpty());
        assertEquals(0, relayedBefore(tenant, AUDIT));
        assertEquals(List.of(), relayAll(tenant, AUDIT, 10));
    }

    @Test
    void eachTopicIsRelayedOnItsOwn() {
        append(tenant, ORDERS, 3);
        append(tenant, AUDIT, 1);
        assertEquals(Set.of(new PendingTopic(tenant, ORDERS), new PendingTopic(tenant, AUDIT)), Set.copyOf(pendingOf(tenant)));
        assertEquals(List.of(1L), relayAll(tenant, AUDIT, 10));
        assertEquals(List.of(new PendingTopic(tenant, ORDERS)), pendingOf(tenant));
        assertEquals(List.of(1L, 2L, 3L), relayAll(tenant, ORDERS, 10));
    }

    @Test
    void pendingTopicsNeedNoTenantContextAndHonourTheLimit() {
        append(tenant, ORDERS, 1);
        append(tenant, AUDIT, 1);
        assertEquals(1, outbox.pendingTopics(1).size());
        assertEquals(2, pendingOf(tenant).size());
    }

    @Test
    void aStepReturningLessMakesTheRelayMoveTheEventsAgain() {
        append(tenant, ORDERS, 4);
        assertTrue(as(tenant, () -> outbox.relay(ORDERS, 10, (before, events) -> 1L)));
        assertEquals(1, relayedBefore(tenant, ORDERS));
        assertEquals(List.of(2L, 3L, 4L), relayAll(tenant, ORDERS, 10));
        assertTrue(as(tenant, () -> outbox.relay(ORDERS, 10, (before, events) -> {
            assertEquals(4, before);
            assertTrue(events.isEmpty());
            return 2L;
        })));
        assertEquals(List.of(3L, 4L), relayAll(tenant, ORDERS, 10));
    }

    @Test
    void aRewindNeverMovesTheRelayForward() {
        append(tenant, ORDERS, 4);
        assertEquals(List.of(1L, 2L), relayAll(tenant, ORDERS, 2));
        runAs(tenant, () -> outbox.rewind(ORDERS, 3));
        assertEquals(2, relayedBefore(tenant, ORDERS));
        assertEquals(List.of(3L, 4L), relayAll(tenant, ORDERS, 10));
        runAs(tenant, () -> outbox.rewind(ORDERS, 4));
        assertTrue(pendingOf(tenant).isEmpty(), "nothing after the rewound position");
        runAs(tenant, () -> outbox.rewind(ORDERS, 0));
        assertEquals(List.of(new PendingTopic(tenant, ORDERS)), pendingOf(tenant));
        assertEquals(List.of(1L, 2L, 3L, 4L), relayAll(tenant, ORDERS, 10));
    }

    @Test
    void aFailedRelayStepLeavesTheEventsPending() {
        append(tenant, ORDERS, 1);
        assertThrows(IllegalStateException.class, () -> as(tenant, () -> outbox.relay(ORDERS, 10, (before, events) -> {
            throw new IllegalStateException("redis went away");
        })));
        assertEquals(List.of(new PendingTopic(tenant, ORDERS)), pendingOf(tenant));
        List<Event> seen = new ArrayList<>();
        as(tenant, () -> outbox.relay(ORDERS, 10, (before, events) -> {
            seen.addAll(events);
            return before + events.size();
        }));
        assertEquals(1, seen.size());
    }

    @Test
    void onlyOneHolderRelaysATopicAtATime() throws Exception {
        append(tenant, ORDERS, 1);
        TenantId other = newTenant();
        append(other, ORDERS, 1);
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Boolean> first = pool.submit(() -> as(tenant, () -> outbox.relay(ORDERS, 10, (before, events) -> {
                holding.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return before + events.size();
            })));
            holding.await();
            assertFalse(as(tenant, () -> outbox.relay(ORDERS, 10, (before, events) -> {
                throw new AssertionError("must not run while another holder relays the topic");
            })));
            assertEquals(List.of(1L), relayAll(other, ORDERS, 10), "the lease is the tenant's own");
            assertEquals(List.of(), relayAll(tenant, AUDIT, 10), "the lease is per topic");
            release.countDown();
            assertTrue(first.get());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(List.of(), relayAll(tenant, ORDERS, 10), "the holder marked its batch relayed");
    }

    @Test
    void purgeDeletesOnlyRelayedEventsOlderThanTheCutoff() {
        Instant old = now().minus(Duration.ofHours(2));
        runAs(tenant, () -> {
            for (int i = 0; i < 3; i++) {
                log.append(ORDERS, event("old", old), Optional.empty());
            }
            log.append(ORDERS, event("recent", now()), Optional.empty());
        });
        Instant cutoff = now().minus(Duration.ofHours(1));
        assertEquals(List.of(1L, 2L), relayAll(tenant, ORDERS, 2));
        assertEquals(2, as(tenant, () -> outbox.purge(ORDERS, cutoff)));
        assertEquals(List.of(3L, 4L), as(tenant, () -> log.readAfter(ORDERS, 0, 10)).stream().map(Event::sequence).toList(),
                "the unrelayed old event stays");
        assertEquals(0, as(tenant, () -> outbox.purge(ORDERS, cutoff)));

        assertEquals(List.of(3L, 4L), relayAll(tenant, ORDERS, 10));
        assertEquals(1, as(tenant, () -> outbox.purge(ORDERS, cutoff)));
        assertEquals(List.of(4L), as(tenant, () -> log.readAfter(ORDERS, 0, 10)).stream().map(Event::sequence).toList(),
                "the recent event stays");
        assertEquals(4, as(tenant, () -> log.lastSequence(ORDERS)), "numbering goes on after a purge");
        assertEquals(5, as(tenant, () -> log.append(ORDERS, event("next", now()), Optional.empty())).event().sequence());
    }

    @Test
    void tenantsNeverReachEachOthersOutbox() {
        TenantId other = newTenant();
        assertTenantCannotReach(tenant, other, new Topic("shared-a"));
        assertTenantCannotReach(other, tenant, new Topic("shared-b"));
    }

    private void assertTenantCannotReach(TenantId owner, TenantId intruder, Topic topic) {
        Instant old = now().minus(Duration.ofHours(2));
        runAs(owner, () -> {
            for (int i = 0; i < 3; i++) {
                log.append(topic, event("secret", old), Optional.empty());
            }
        });
        assertEquals(List.of(1L), relayAll(owner, topic, 1));
        assertTrue(pendingOf(intruder).isEmpty());
        assertEquals(List.of(), relayAll(intruder, topic, 10));
        runAs(intruder, () -> outbox.rewind(topic, 0));
        assertEquals(0, as(intruder, () -> outbox.purge(topic, now())));
        assertTrue(pendingOf(intruder).isEmpty());

        assertEquals(List.of(new PendingTopic(owner, topic)), pendingOf(owner));
        assertEquals(1, relayedBefore(owner, topic), "the intruder's rewind moved nothing");
        assertEquals(3, as(owner, () -> log.readAfter(topic, 0, 10)).size(), "the intruder's purge deleted nothing");
        assertEquals(List.of(2L, 3L), relayAll(owner, topic, 10));
    }

    @Test
    void refusesToWorkOutsideATenantContext() {
        assertThrows(IllegalStateException.class, () -> outbox.relay(ORDERS, 10, (before, events) -> before));
        assertThrows(IllegalStateException.class, () -> outbox.rewind(ORDERS, 0));
        assertThrows(IllegalStateException.class, () -> outbox.purge(ORDERS, now()));
    }
}

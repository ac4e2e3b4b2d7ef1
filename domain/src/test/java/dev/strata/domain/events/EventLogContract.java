package dev.strata.domain.events;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.domain.events.port.EventLog;
import dev.strata.domain.shared.ContractSupport;
import dev.strata.domain.shared.TenantId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Contract test of {@link EventLog}: the in-memory fake and the Postgres adapter extend it. */
public abstract class EventLogContract extends ContractSupport {
    protected static final Topic ORDERS = new Topic("orders");
    protected static final Topic AUDIT = new Topic("audit");

    protected EventLog log;
    protected TenantId tenant;

    /** Hook: the log under test; called before each test. */
    protected abstract EventLog createSubject();

    @BeforeEach
    void createEventLog() {
        log = createSubject();
        tenant = newTenant();
    }

    protected NewEvent event(String type, String json) {
        return new NewEvent(UUID.randomUUID().toString(), "/strata/test", type, Optional.empty(), now(),
                json.getBytes(StandardCharsets.UTF_8));
    }

    protected AppendResult append(Topic topic, NewEvent event) {
        return as(tenant, () -> log.append(topic, event, Optional.empty()));
    }

    private AppendResult append(Topic topic, NewEvent event, String key) {
        return as(tenant, () -> log.append(topic, event, Optional.of(new IdempotencyKey(key))));
    }

    private List<Event> readAfter(Topic topic, long after, int limit) {
        return as(tenant, () -> log.readAfter(topic, after, limit));
    }

    @Test
    void appendsAtOneTwoThreeAndKeepsEveryAttribute() {
        String json = "{ \"orderId\" : 42,\n \"note\": \"Grüße ✓\" }";
        NewEvent first = new NewEvent(UUID.randomUUID().toString(), "/tenants/x/clients/y", "order.created",
                Optional.of("orders/42"), now(), json.getBytes(StandardCharsets.UTF_8));
        AppendResult result = append(ORDERS, first);
        assertFalse(result.replayed());
        assertEquals(first.at(ORDERS, 1), result.event());
        assertEquals(2, append(ORDERS, event("order.paid", "{}")).event().sequence());
        assertEquals(3, append(ORDERS, event("order.shipped", "[]")).event().sequence());

        Event read = readAfter(ORDERS, 0, 1).get(0);
        assertEquals(first.at(ORDERS, 1), read);
        assertArrayEquals(json.getBytes(StandardCharsets.UTF_8), read.data());
        assertEquals(Optional.of("orders/42"), read.subject());
    }

    @Test
    void readsAfterASequenceInOrderUpToTheLimit() {
        for (int i = 1; i <= 5; i++) {
            append(ORDERS, event("n", "{\"n\":" + i + "}"));
        }
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), readAfter(ORDERS, 0, 50).stream().map(Event::sequence).toList());
        assertEquals(List.of(3L, 4L), readAfter(ORDERS, 2, 2).stream().map(Event::sequence).toList());
        assertEquals("{\"n\":3}", readAfter(ORDERS, 2, 1).get(0).dataAsUtf8());
        assertTrue(readAfter(ORDERS, 5, 50).isEmpty());
        assertTrue(readAfter(ORDERS, 99, 50).isEmpty());
    }

    @Test
    void findsEventsByTheirIdsInSequenceOrder() {
        NewEvent a = event("a", "1");
        NewEvent b = event("b", "2");
        append(ORDERS, a);
        append(ORDERS, event("x", "3"));
        append(ORDERS, b);
        assertEquals(List.of(1L, 3L), as(tenant, () -> log.findByIds(ORDERS, List.of(b.id(), a.id(), "unknown")))
                .stream().map(Event::sequence).toList());
        assertTrue(as(tenant, () -> log.findByIds(AUDIT, List.of(a.id()))).isEmpty());
        assertTrue(as(tenant, () -> log.findByIds(ORDERS, List.of())).isEmpty());
    }

    @Test
    void anEmptyOrUnknownTopicHasNothing() {
        assertEquals(0, as(tenant, () -> log.lastSequence(new Topic("empty"))));
        assertTrue(readAfter(new Topic("empty"), 0, 10).isEmpty());
    }

    @Test
    void lastSequenceFollowsAppends() {
        append(ORDERS, event("a", "1"));
        append(ORDERS, event("b", "2"));
        assertEquals(2, as(tenant, () -> log.lastSequence(ORDERS)));
    }

    @Test
    void eachTopicHasItsOwnSequence() {
        append(ORDERS, event("a", "1"));
        append(ORDERS, event("b", "2"));
        assertEquals(1, append(AUDIT, event("c", "3")).event().sequence());
        assertEquals(List.of("c"), readAfter(AUDIT, 0, 10).stream().map(Event::type).toList());
    }

    @Test
    void aRepeatedIdempotencyKeyReturnsTheFirstEventAndAppendsNothing() {
        AppendResult first = append(ORDERS, event("order.created", "{\"try\":1}"), "req-7f3a");
        AppendResult repeat = append(ORDERS, event("order.created", "{\"try\":2}"), "req-7f3a");
        assertFalse(first.replayed());
        assertTrue(repeat.replayed());
        assertEquals(first.event(), repeat.event());
        assertEquals(1, as(tenant, () -> log.lastSequence(ORDERS)));

        AppendResult otherKey = append(ORDERS, event("order.created", "{\"try\":3}"), "req-other");
        assertFalse(otherKey.replayed());
        assertEquals(2, otherKey.event().sequence());
    }

    @Test
    void appendAllNumbersInOrderAndHonoursKeysWithinAndBeforeTheBatch() {
        AppendResult before = append(ORDERS, event("a", "1"), "k-before");
        List<AppendResult> results = as(tenant, () -> log.appendAll(ORDERS, List.of(
                new EventLog.Pending(event("b", "2"), Optional.empty()),
                new EventLog.Pending(event("c", "3"), Optional.of(new IdempotencyKey("k-before"))),
                new EventLog.Pending(event("d", "4"), Optional.of(new IdempotencyKey("k-in"))),
                new EventLog.Pending(event("e", "5"), Optional.of(new IdempotencyKey("k-in"))),
                new EventLog.Pending(event("f", "6"), Optional.empty()))));
        assertEquals(5, results.size());
        assertEquals(List.of(2L, 1L, 3L, 3L, 4L), results.stream().map(r -> r.event().sequence()).toList());
        assertEquals(List.of(false, true, false, true, false), results.stream().map(AppendResult::replayed).toList());
        assertEquals(before.event(), results.get(1).event());
        assertEquals(List.of("a", "b", "d", "f"), readAfter(ORDERS, 0, 10).stream().map(Event::type).toList());
        assertEquals(4, as(tenant, () -> log.lastSequence(ORDERS)));
        assertEquals(5, append(ORDERS, event("g", "7")).event().sequence());
    }

    @Test
    void idempotencyKeysAreScopedToTheirTopic() {
        AppendResult orders = append(ORDERS, event("a", "1"), "same-key");
        AppendResult audit = append(AUDIT, event("b", "2"), "same-key");
        assertFalse(audit.replayed());
        assertEquals(1, audit.event().sequence());
        assertEquals("b", audit.event().type());
        assertEquals("a", orders.event().type());
    }

    @Test
    void concurrentAppendsGetEverySequenceExactlyOnce() throws Exception {
        int threads = 4;
        int perThread = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<Long>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    List<Long> sequences = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        sequences.add(append(ORDERS, event("n", "{}")).event().sequence());
                    }
                    return sequences;
                }));
            }
            start.countDown();
            Set<Long> returned = new HashSet<>();
            for (Future<List<Long>> future : futures) {
                returned.addAll(future.get());
            }
            Set<Long> expected = new HashSet<>(LongStream.rangeClosed(1, threads * perThread).boxed().toList());
            assertEquals(expected, returned);
        } finally {
            pool.shutdownNow();
        }
        List<Event> all = readAfter(ORDERS, 0, 500);
        assertEquals(LongStream.rangeClosed(1, threads * perThread).boxed().toList(),
                all.stream().map(Event::sequence).toList());
        assertEquals(threads * perThread, all.stream().map(Event::id).distinct().count());
    }

    @Test
    void concurrentAppendsWithOneIdempotencyKeyAppendOnce() throws Exception {
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<AppendResult>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return append(ORDERS, event("order.created", "{}"), "one-key");
                }));
            }
            start.countDown();
            Set<Event> events = new HashSet<>();
            int fresh = 0;
            for (Future<AppendResult> future : futures) {
                AppendResult result = future.get();
                events.add(result.event());
                fresh += result.replayed() ? 0 : 1;
            }
            assertEquals(1, events.size(), "every caller got the same event");
            assertEquals(1, fresh);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, as(tenant, () -> log.lastSequence(ORDERS)));
    }

    @Test
    void appendOnCommitOutsideAUnitOfWorkAppendsAtOnceInListOrder() {
        append(ORDERS, event("order.a", "{}"));
        runAs(tenant, () -> log.appendOnCommit(ORDERS, List.of(
                new EventLog.Pending(event("order.b", "{}"), Optional.empty()),
                new EventLog.Pending(event("order.c", "{}"), Optional.empty()))));
        runAs(tenant, () -> log.appendOnCommit(ORDERS, event("order.d", "{}"), Optional.empty()));
        List<Event> all = readAfter(ORDERS, 0, 10);
        assertEquals(List.of("order.a", "order.b", "order.c", "order.d"), all.stream().map(Event::type).toList());
        assertEquals(List.of(1L, 2L, 3L, 4L), all.stream().map(Event::sequence).toList());
        assertEquals(4, as(tenant, () -> log.lastSequence(ORDERS)));
    }

    @Test
    void tenantsNeverSeeEachOthersEvents() {
        TenantId other = newTenant();
        assertTenantCannotReach(tenant, other, new Topic("shared-a"));
        assertTenantCannotReach(other, tenant, new Topic("shared-b"));
    }

    private void assertTenantCannotReach(TenantId owner, TenantId intruder, Topic topic) {
        Event owned = as(owner, () -> log.append(topic, event("secret", "{\"owner\":true}"),
                Optional.of(new IdempotencyKey("shared-key")))).event();
        as(owner, () -> log.append(topic, event("secret", "{}"), Optional.empty()));
        runAs(intruder, () -> {
            assertEquals(0, log.lastSequence(topic));
            assertTrue(log.readAfter(topic, 0, 100).isEmpty());
            AppendResult own = log.append(topic, event("mine", "{}"), Optional.of(new IdempotencyKey("shared-key")));
            assertFalse(own.replayed(), "another tenant's idempotency key means nothing here");
            assertEquals(1, own.event().sequence());
        });
        assertEquals(2, as(owner, () -> log.lastSequence(topic)));
        assertEquals(owned, as(owner, () -> log.readAfter(topic, 0, 1)).get(0));
    }

    @Test
    void refusesToWorkOutsideATenantContext() {
        assertThrows(IllegalStateException.class, () -> log.lastSequence(ORDERS));
    }
}

package dev.strata.adapters.postgres.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.adapters.postgres.shared.Jdbc;
import dev.strata.adapters.postgres.shared.PostgresTestContext;
import dev.strata.domain.events.AppendResult;
import dev.strata.domain.events.Event;
import dev.strata.domain.events.EventLogContract;
import dev.strata.domain.events.IdempotencyKey;
import dev.strata.domain.events.PendingTopic;
import dev.strata.domain.events.Topic;
import dev.strata.domain.events.port.EventLog;
import dev.strata.domain.shared.TenantId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The event log contract against real Postgres, plus its joining of the caller's transaction. */
class PostgresEventLogIT extends EventLogContract {
    private static PostgresEventLog subject() {
        return PostgresTestContext.shared().getBean(PostgresEventLog.class);
    }

    @Override
    protected EventLog createSubject() {
        return subject();
    }

    @Override
    protected void givenTenant(TenantId tenant) {
        PostgresTestContext.insertTenant(tenant);
    }

    private List<PendingTopic> pendingOf(TenantId tenant) {
        return PostgresTestContext.shared().getBean(PostgresEventOutbox.class).pendingTopics(100_000).stream()
                .filter(p -> p.tenant().equals(tenant)).toList();
    }

    @Test
    void appendsJoinTheCallersTransaction() {
        Topic topic = new Topic("uow-" + unique());
        Jdbc jdbc = PostgresTestContext.shared().getBean(Jdbc.class);
        assertThrows(IllegalStateException.class, () -> runAs(tenant, () -> jdbc.run(() -> {
            subject().append(topic, event("n", "{}"), Optional.empty());
            throw new IllegalStateException("the caller's change failed");
        })));
        assertEquals(0, as(tenant, () -> subject().lastSequence(topic)), "rolled back with the caller");
        assertTrue(pendingOf(tenant).isEmpty());
    }

    @Test
    void appendOnCommitLocksNothingForOtherAppendersAndIsNumberedRightAfterTheCommit() throws Exception {
        Topic topic = new Topic("late-" + unique());
        Jdbc jdbc = PostgresTestContext.shared().getBean(Jdbc.class);
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            runAs(tenant, () -> jdbc.execute(() -> {
                subject().appendOnCommit(topic, List.of(new EventLog.Pending(event("mine.one", "{}"), Optional.empty()),
                        new EventLog.Pending(event("mine.two", "{}"), Optional.empty())));
                // another appender of the topic commits while this unit of work is still open: nothing waits
                Future<Long> concurrent = other.submit(() -> as(tenant,
                        () -> subject().append(topic, event("theirs", "{}"), Optional.empty()).event().sequence()));
                Future<Long> seenElsewhere = other.submit(() -> as(tenant, () -> subject().lastSequence(topic)));
                try {
                    assertEquals(1L, concurrent.get(30, TimeUnit.SECONDS));
                    assertEquals(1L, seenElsewhere.get(30, TimeUnit.SECONDS), "not numbered before the commit");
                } catch (Exception e) {
                    throw new IllegalStateException("the concurrent append did not complete", e);
                }
                return null;
            }));
        } finally {
            other.shutdownNow();
        }
        List<Event> all = as(tenant, () -> subject().readAfter(topic, 0, 10));
        assertEquals(List.of("theirs", "mine.one", "mine.two"), all.stream().map(Event::type).toList());
        assertEquals(List.of(1L, 2L, 3L), all.stream().map(Event::sequence).toList());
    }

    @Test
    void concurrentAppendersOnOneTopicEachFindTheirEventNumberedWhenTheirCommitReturns() throws Exception {
        Topic topic = new Topic("busy-" + unique());
        Jdbc jdbc = PostgresTestContext.shared().getBean(Jdbc.class);
        int appenders = 16;
        int rounds = 8;
        ExecutorService pool = Executors.newFixedThreadPool(appenders);
        try {
            List<Future<List<String>>> unnumbered = new java.util.ArrayList<>();
            for (int a = 0; a < appenders; a++) {
                int appender = a;
                unnumbered.add(pool.submit(() -> {
                    List<String> missing = new java.util.ArrayList<>();
                    for (int r = 0; r < rounds; r++) {
                        String type = "a" + appender + ".r" + r;
                        runAs(tenant, () -> jdbc.execute(() -> {
                            subject().appendOnCommit(topic, event(type, "{}"), Optional.empty());
                            return null;
                        }));
                        // numberings after commit are shared while one runs: each still returns only once its own
                        // event has a number
                        List<Event> numbered = as(tenant, () -> subject().readAfter(topic, 0, appenders * rounds));
                        if (numbered.stream().noneMatch(e -> e.type().equals(type))) {
                            missing.add(type);
                        }
                    }
                    return missing;
                }));
            }
            for (Future<List<String>> appender : unnumbered) {
                assertEquals(List.of(), appender.get(60, TimeUnit.SECONDS), "not numbered when the commit returned");
            }
        } finally {
            pool.shutdownNow();
        }
        List<Event> all = as(tenant, () -> subject().readAfter(topic, 0, appenders * rounds + 1));
        assertEquals(appenders * rounds, all.size());
        assertEquals(appenders * rounds, all.stream().map(Event::type).distinct().count(), "each event once");
        for (int i = 0; i < all.size(); i++) {
            assertEquals(i + 1L, all.get(i).sequence(), "gap-free");
        }
    }

    @Test
    void appendOnCommitRolledBackLeavesNoTraceAndNoGap() {
        Topic topic = new Topic("gone-" + unique());
        Jdbc jdbc = PostgresTestContext.shared().getBean(Jdbc.class);
        append(topic, event("first", "{}"));
        assertThrows(IllegalStateException.class, () -> runAs(tenant, () -> jdbc.run(() -> {
            subject().appendOnCommit(topic, event("never", "{}"), Optional.empty());
            throw new IllegalStateException("the caller's change failed");
        })));
        append(topic, event("second", "{}"));
        List<Event> all = as(tenant, () -> subject().readAfter(topic, 0, 10));
        assertEquals(List.of("first", "second"), all.stream().map(Event::type).toList());
        assertEquals(List.of(1L, 2L), all.stream().map(Event::sequence).toList());
    }

    @Test
    void theRelayNumbersCommittedEventsThatNobodyNumbered() {
        Topic topic = new Topic("orphan-" + unique());
        Jdbc jdbc = PostgresTestContext.shared().getBean(Jdbc.class);
        append(topic, event("first", "{}"));
        // a row committed without its numbering (the appender stopped right after its commit)
        runAs(tenant, () -> jdbc.run(() -> jdbc.inTransaction(connection -> {
            try (var insert = connection.prepareStatement("insert into events (tenant_id, topic, event_id, source, "
                    + "type, time, data) values (?, ?, ?, 'test', 'orphan', now(), '{}'::bytea)")) {
                insert.setObject(1, tenant.value());
                insert.setString(2, topic.value());
                insert.setString(3, "orphan-" + unique());
                insert.executeUpdate();
            }
            return null;
        })));
        assertEquals(1, as(tenant, () -> subject().lastSequence(topic)), "readers see numbered events only");
        assertEquals(1, as(tenant, () -> subject().readAfter(topic, 0, 10)).size());
        PostgresEventOutbox outbox = PostgresTestContext.shared().getBean(PostgresEventOutbox.class);
        pendingOf(tenant);
        assertEquals(1, as(tenant, () -> subject().readAfter(topic, 0, 10)).size(), "reading the queue numbers nothing");
        assertTrue(outbox.numberStragglers(100_000) >= 1, "the relay's sweep found the topic");
        assertTrue(pendingOf(tenant).stream().anyMatch(p -> p.topic().equals(topic)), "the relay numbered and queued it");
        List<Event> all = as(tenant, () -> subject().readAfter(topic, 0, 10));
        assertEquals(List.of("first", "orphan"), all.stream().map(Event::type).toList());
        assertEquals(2, all.get(1).sequence());
    }

    @Test
    void aPublishAnswersTheSequencesItsRowsGotBehindRowsNobodyNumberedAndKeysOfThem() {
        Topic topic = new Topic("long-" + unique());
        Jdbc jdbc = PostgresTestContext.shared().getBean(Jdbc.class);
        for (int round = 0; round < 3; round++) {
            List<EventLog.Pending> batch = java.util.stream.IntStream.range(0, 100)
                    .mapToObj(i -> new EventLog.Pending(event("filler", "{}"), Optional.<IdempotencyKey>empty())).toList();
            as(tenant, () -> subject().appendAll(topic, batch));
        }
        // a row committed with its key but without its numbering (the appender stopped right after its commit)
        String orphan = "orphan-" + unique();
        runAs(tenant, () -> jdbc.run(() -> jdbc.inTransaction(connection -> {
            try (var insert = connection.prepareStatement("insert into events (tenant_id, topic, event_id, source, "
                    + "type, time, data) values (?, ?, ?, 'test', 'orphan', now(), '{}'::bytea)")) {
                insert.setObject(1, tenant.value());
                insert.setString(2, topic.value());
                insert.setString(3, orphan);
                insert.executeUpdate();
            }
            try (var key = connection.prepareStatement("insert into event_idempotency (tenant_id, topic, key, event_id, "
                    + "expires_at) values (?, ?, 'k-orphan', ?, now() + interval '1 hour')")) {
                key.setObject(1, tenant.value());
                key.setString(2, topic.value());
                key.setString(3, orphan);
                key.executeUpdate();
            }
            return null;
        })));
        List<AppendResult> results = as(tenant, () -> subject().appendAll(topic, List.of(
                new EventLog.Pending(event("x", "{}"), Optional.empty()),
                new EventLog.Pending(event("again", "{}"), Optional.of(new IdempotencyKey("k-orphan"))),
                new EventLog.Pending(event("y", "{}"), Optional.of(new IdempotencyKey("k-new"))),
                new EventLog.Pending(event("z", "{}"), Optional.empty()))));
        // the orphan was numbered first (it committed first), then the batch's fresh rows in list order
        assertEquals(List.of(302L, 301L, 303L, 304L), results.stream().map(r -> r.event().sequence()).toList());
        assertEquals(List.of(false, true, false, false), results.stream().map(AppendResult::replayed).toList());
        assertEquals(orphan, results.get(1).event().id());
        List<Event> stored = as(tenant, () -> subject().readAfter(topic, 300, 10));
        assertEquals(List.of("orphan", "x", "y", "z"), stored.stream().map(Event::type).toList());
        for (AppendResult result : results) {
            Event row = stored.stream().filter(e -> e.id().equals(result.event().id())).findFirst().orElseThrow();
            assertEquals(row.sequence(), result.event().sequence(), "the answer is the sequence the row has");
        }
        assertEquals(304, as(tenant, () -> subject().lastSequence(topic)));
    }

    @Test
    void aKeyTakenInsideAnOpenUnitOfWorkReplaysOnceItCommits() throws Exception {
        Topic topic = new Topic("key-" + unique());
        Jdbc jdbc = PostgresTestContext.shared().getBean(Jdbc.class);
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            Future<AppendResult> second = runAsAndGet(() -> jdbc.inTransaction(connection -> {
                subject().appendOnCommit(topic, event("first", "{}"), Optional.of(new IdempotencyKey("k")));
                // the same key from another transaction waits for this one, then replays its event
                Future<AppendResult> waiting = other.submit(() -> as(tenant,
                        () -> subject().append(topic, event("second", "{}"), Optional.of(new IdempotencyKey("k")))));
                return waiting;
            }));
            AppendResult replay = second.get(30, TimeUnit.SECONDS);
            assertTrue(replay.replayed());
            assertEquals("first", replay.event().type());
            assertEquals(1, replay.event().sequence());
        } finally {
            other.shutdownNow();
        }
        assertEquals(1, as(tenant, () -> subject().readAfter(topic, 0, 10)).size());
    }

    private <T> T runAsAndGet(java.util.function.Supplier<T> work) {
        return as(tenant, work);
    }
}

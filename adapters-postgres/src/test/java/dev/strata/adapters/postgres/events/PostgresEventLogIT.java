package dev.strata.adapters.postgres.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.adapters.postgres.shared.Jdbc;
import dev.strata.adapters.postgres.shared.PostgresTestContext;
import dev.strata.domain.events.Event;
import dev.strata.domain.events.EventLogContract;
import dev.strata.domain.events.PendingTopic;
import dev.strata.domain.events.Topic;
import dev.strata.domain.events.port.EventLog;
import dev.strata.domain.shared.TenantId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The event log contract against real Postgres, plus the outbox side the relay uses. */
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
        return subject().pendingTopics(100_000).stream().filter(p -> p.tenant().equals(tenant)).toList();
    }

    @Test
    void appendedTopicsArePendingUntilRelayedInOrder() {
        Topic topic = new Topic("relay-" + unique());
        runAs(tenant, () -> {
            for (int i = 0; i < 5; i++) {
                subject().append(topic, event("n", "{}"), Optional.empty());
            }
        });
        assertEquals(List.of(new PendingTopic(tenant, topic)), pendingOf(tenant));
        List<Long> seen = new ArrayList<>();
        assertTrue(as(tenant, () -> subject().relay(topic, 3, (before, events) -> {
            assertEquals(0, before);
            events.forEach(e -> seen.add(e.sequence()));
            return events.get(events.size() - 1).sequence();
        })));
        assertEquals(List.of(1L, 2L, 3L), seen);
        assertEquals(1, pendingOf(tenant).size(), "two more to relay");
        assertTrue(as(tenant, () -> subject().relay(topic, 10, (before, events) -> {
            assertEquals(3, before);
            events.forEach(e -> seen.add(e.sequence()));
            return events.get(events.size() - 1).sequence();
        })));
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), seen);
        assertTrue(pendingOf(tenant).isEmpty());

        as(tenant, () -> {
            subject().rewind(topic, 2);
            return null;
        });
        assertEquals(1, pendingOf(tenant).size(), "a rewind queues the topic again");
        List<Long> again = new ArrayList<>();
        as(tenant, () -> subject().relay(topic, 10, (before, events) -> {
            events.forEach(e -> again.add(e.sequence()));
            return 5;
        }));
        assertEquals(List.of(3L, 4L, 5L), again);
    }

    @Test
    void aFailedRelayStepLeavesTheEventsPending() {
        Topic topic = new Topic("fail-" + unique());
        runAs(tenant, () -> subject().append(topic, event("n", "{}"), Optional.empty()));
        assertThrows(IllegalStateException.class, () -> as(tenant, () -> subject().relay(topic, 10, (before, events) -> {
            throw new IllegalStateException("redis went away");
        })));
        List<Event> seen = new ArrayList<>();
        as(tenant, () -> subject().relay(topic, 10, (before, events) -> {
            seen.addAll(events);
            return before + events.size();
        }));
        assertEquals(1, seen.size());
    }

    @Test
    void onlyOneHolderRelaysATopicAtATime() throws Exception {
        Topic topic = new Topic("lease-" + unique());
        runAs(tenant, () -> subject().append(topic, event("n", "{}"), Optional.empty()));
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Boolean> first = pool.submit(() -> as(tenant, () -> subject().relay(topic, 10, (before, events) -> {
                holding.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return before + events.size();
            })));
            holding.await();
            assertFalse(as(tenant, () -> subject().relay(topic, 10, (before, events) -> {
                throw new AssertionError("must not run while another holder relays the topic");
            })));
            release.countDown();
            assertTrue(first.get());
        } finally {
            pool.shutdownNow();
        }
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
}

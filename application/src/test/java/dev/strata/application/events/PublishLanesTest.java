package dev.strata.application.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.domain.events.AppendResult;
import dev.strata.domain.events.Event;
import dev.strata.domain.events.IdempotencyKey;
import dev.strata.domain.events.InMemoryEventLog;
import dev.strata.domain.events.NewEvent;
import dev.strata.domain.events.Topic;
import dev.strata.domain.events.port.EventLog;
import dev.strata.domain.shared.Quota;
import dev.strata.domain.shared.StoreUnavailableException;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Group commit per topic: one append in flight, waiting publishes batch, nobody waits on a thread for the topic. */
class PublishLanesTest {
    private static final Topic TOPIC = new Topic("orders");
    private final TenantId tenant = TenantId.random();
    private final GatedLog log = new GatedLog();
    private final ExecutorService answers = Executors.newFixedThreadPool(2);
    private final ExecutorService callers = Executors.newCachedThreadPool();
    private final List<List<Event>> handedToFeeds = new CopyOnWriteArrayList<>();

    /** The in-memory log, with appends that can be held at a gate, counted batch by batch, or made to fail. */
    private static final class GatedLog implements EventLog {
        final InMemoryEventLog delegate = new InMemoryEventLog();
        final List<Integer> batches = new CopyOnWriteArrayList<>();
        volatile CountDownLatch entered = new CountDownLatch(0);
        volatile CountDownLatch gate = new CountDownLatch(0);
        /** Appends of more than one event fail (nothing of them is kept). */
        final AtomicBoolean failBatches = new AtomicBoolean();

        @Override
        public List<AppendResult> appendAll(Topic topic, List<Pending> events) {
            entered.countDown();
            try {
                gate.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            batches.add(events.size());
            if (failBatches.get() && events.size() > 1) {
                throw new StoreUnavailableException("postgres", "down", new IllegalStateException("down"));
            }
            synchronized (delegate) {
                return delegate.appendAll(topic, events);
            }
        }

        @Override
        public AppendResult append(Topic topic, NewEvent event, Optional<IdempotencyKey> idempotencyKey) {
            return appendAll(topic, List.of(new Pending(event, idempotencyKey))).get(0);
        }

        @Override
        public List<Event> readAfter(Topic topic, long afterSequence, int limit) {
            return delegate.readAfter(topic, afterSequence, limit);
        }

        @Override
        public List<Event> findByIds(Topic topic, Collection<String> ids) {
            return delegate.findByIds(topic, ids);
        }

        @Override
        public long lastSequence(Topic topic) {
            return delegate.lastSequence(topic);
        }

        @Override
        public void registerTopic(Topic topic, Quota quota) {
            delegate.registerTopic(topic, quota);
        }
    }

    private PublishLanes lanes() {
        LocalFeeds feeds = new LocalFeeds();
        feeds.listen(tenant, TOPIC, event -> handedToFeeds.add(List.of(event)));
        return new PublishLanes(log, 256, feeds, answers);
    }

    @AfterEach
    void stop() {
        log.gate.countDown();
        answers.shutdownNow();
        callers.shutdownNow();
    }

    private static EventLog.Pending pending(String type) {
        return new EventLog.Pending(new NewEvent(UUID.randomUUID().toString(), "/test", type, Optional.empty(),
                Instant.parse("2026-01-01T00:00:00Z"), "{}".getBytes(StandardCharsets.UTF_8)), Optional.empty());
    }

    private Future<CompletableFuture<AppendResult>> publishFromAnotherThread(PublishLanes lanes, String type) {
        return callers.submit(() -> TenantContext.callAs(tenant, () -> lanes.append(TOPIC, pending(type))));
    }

    @Test
    void publishesQueuedBehindTheWriterReturnAtOnceAndAreAppendedTogetherInTheNextBatch() throws Exception {
        PublishLanes lanes = lanes();
        log.entered = new CountDownLatch(1);
        log.gate = new CountDownLatch(1);
        // the first publish finds the topic idle: its thread appends, and is held inside the append
        Future<CompletableFuture<AppendResult>> writer = publishFromAnotherThread(lanes, "first");
        assertTrue(log.entered.await(30, TimeUnit.SECONDS));
        // the others only queue: each call returns its future while the append is still held
        List<CompletableFuture<AppendResult>> queued = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            queued.add(publishFromAnotherThread(lanes, "queued-" + i).get(30, TimeUnit.SECONDS));
        }
        queued.forEach(f -> assertFalse(f.isDone(), "answered only after its own append committed"));
        assertFalse(writer.isDone(), "the writer is still appending");
        log.gate.countDown();
        AppendResult first = writer.get(30, TimeUnit.SECONDS).get(30, TimeUnit.SECONDS);
        assertEquals(1, first.event().sequence());
        List<Long> sequences = new ArrayList<>();
        for (CompletableFuture<AppendResult> f : queued) {
            sequences.add(f.get(30, TimeUnit.SECONDS).event().sequence());
        }
        assertEquals(LongStream.rangeClosed(2, 11).boxed().toList(), sequences, "in queue order, without gaps");
        assertEquals(List.of(1, 10), log.batches, "the ten queued publishes went in one batch");
        assertEquals(11, handedToFeeds.size(), "every committed event reached this instance's feeds");
    }

    @Test
    void manyConcurrentPublishesGetEverySequenceOnceInFewerAppends() throws Exception {
        PublishLanes lanes = lanes();
        int n = 200;
        List<Future<CompletableFuture<AppendResult>>> calls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            calls.add(publishFromAnotherThread(lanes, "e" + i));
        }
        List<Long> sequences = new ArrayList<>();
        for (Future<CompletableFuture<AppendResult>> call : calls) {
            sequences.add(call.get(30, TimeUnit.SECONDS).get(30, TimeUnit.SECONDS).event().sequence());
        }
        assertEquals(LongStream.rangeClosed(1, n).boxed().toList(), sequences.stream().sorted().toList());
        assertEquals(n, log.batches.stream().mapToInt(Integer::intValue).sum());
        assertEquals(n, TenantContext.callAs(tenant, () -> log.lastSequence(TOPIC)));
    }

    @Test
    void aFailedAppendFailsEveryPublishOfItsBatchAndTheTopicGoesOn() throws Exception {
        PublishLanes lanes = lanes();
        log.entered = new CountDownLatch(1);
        log.gate = new CountDownLatch(1);
        log.failBatches.set(true);
        Future<CompletableFuture<AppendResult>> writer = publishFromAnotherThread(lanes, "held");
        assertTrue(log.entered.await(30, TimeUnit.SECONDS));
        CompletableFuture<AppendResult> a = publishFromAnotherThread(lanes, "a").get(30, TimeUnit.SECONDS);
        CompletableFuture<AppendResult> b = publishFromAnotherThread(lanes, "b").get(30, TimeUnit.SECONDS);
        log.gate.countDown();
        assertEquals(1, writer.get(30, TimeUnit.SECONDS).get(30, TimeUnit.SECONDS).event().sequence());
        for (CompletableFuture<AppendResult> f : List.of(a, b)) {
            ExecutionException error = assertThrows(ExecutionException.class, () -> f.get(30, TimeUnit.SECONDS));
            assertSame(StoreUnavailableException.class, error.getCause().getClass());
        }
        AppendResult after = TenantContext.callAs(tenant, () -> lanes.append(TOPIC, pending("after")))
                .get(30, TimeUnit.SECONDS);
        assertEquals(2, after.event().sequence(), "the failed append left no hole");
        assertEquals(List.of(1, 2, 1), log.batches);
    }
}

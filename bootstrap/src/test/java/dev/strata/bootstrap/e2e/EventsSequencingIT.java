package dev.strata.bootstrap.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.application.identity.port.CreateTenantUseCase.TenantCreated;
import dev.strata.domain.events.Event;
import dev.strata.domain.events.IdempotencyKey;
import dev.strata.domain.events.NewEvent;
import dev.strata.domain.events.Topic;
import dev.strata.domain.events.port.EventLog;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.UnitOfWork;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Numbering under load on two instances: HTTP publishes (some with one idempotency key sent to both instances at
 * once) and appends inside other units of work (a quarter of them rolled back) on one topic give 1..N without a gap
 * or a repeat, every committed event exactly once and nothing rolled back, while a reader polling the log never
 * sees a sequence appear below one it has already seen.
 */
class EventsSequencingIT {
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static StrataInstance a;
    private static StrataInstance b;
    private static TenantCreated tenant;
    private static String token;

    @BeforeAll
    static void start() {
        a = StrataInstance.start(Map.of("strata.events.relay-interval", "50ms"));
        b = StrataInstance.start(Map.of("strata.events.relay-interval", "50ms"));
        tenant = Tenants.create(a);
        token = Tenants.adminToken(a, tenant);
    }

    @AfterAll
    static void stop() {
        a.close();
        b.close();
    }

    @Test
    void concurrentPublishesAndUnitOfWorkAppendsOnTwoInstancesNumberEveryCommittedEventOnce() throws Exception {
        Topic topic = new Topic("seq-" + Long.toString(System.nanoTime(), 36));
        int rounds = 30;
        Set<String> committed = ConcurrentHashMap.newKeySet();
        Set<String> rolledBack = ConcurrentHashMap.newKeySet();
        Map<String, Set<String>> idsByKey = new ConcurrentHashMap<>();
        List<String> readerFailures = new CopyOnWriteArrayList<>();
        AtomicBoolean done = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(9);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                StrataInstance instance = t % 2 == 0 ? a : b;
                boolean keyed = t < 2;
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < rounds; i++) {
                        HttpRequest.Builder request = instance.builder("/v1/topics/" + topic.value() + "/events", token)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"http\",\"data\":{}}"));
                        String key = "k-" + i;
                        if (keyed) {
                            request.header("Idempotency-Key", key);
                        }
                        StrataInstance.Response response = instance.send(request);
                        assertTrue(response.status() == 201 || response.status() == 200, response.body());
                        String id = idOf(response.body());
                        committed.add(id);
                        if (keyed) {
                            idsByKey.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(id);
                        }
                    }
                    return null;
                }));
            }
            for (int t = 0; t < 4; t++) {
                StrataInstance instance = t % 2 == 0 ? a : b;
                EventLog log = instance.context.getBean(EventLog.class);
                UnitOfWork unitOfWork = instance.context.getBean(UnitOfWork.class);
                int thread = t;
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < rounds; i++) {
                        boolean rollBack = i % 4 == 3;
                        List<NewEvent> events = List.of(event("uow"), event("uow"));
                        int round = i;
                        try {
                            TenantContext.runAs(tenant.tenantId(), () -> unitOfWork.run(() -> {
                                if (thread == 3 && round % 3 == 0) {
                                    // the plain append inside a unit of work: numbered within it
                                    events.forEach(e -> log.append(topic, e, Optional.empty()));
                                } else {
                                    log.appendOnCommit(topic, events.stream()
                                            .map(e -> new EventLog.Pending(e, Optional.empty())).toList());
                                }
                                if (rollBack) {
                                    throw new IllegalStateException("the caller's change failed");
                                }
                            }));
                            events.forEach(e -> committed.add(e.id()));
                        } catch (IllegalStateException expected) {
                            events.forEach(e -> rolledBack.add(e.id()));
                        }
                    }
                    return null;
                }));
            }
            EventLog reading = a.context.getBean(EventLog.class);
            Future<?> reader = pool.submit(() -> {
                Map<Long, String> seen = new HashMap<>();
                long highest = 0;
                while (!done.get()) {
                    List<Event> all = TenantContext.callAs(tenant.tenantId(), () -> reading.readAfter(topic, 0, 10_000));
                    for (int i = 0; i < all.size(); i++) {
                        Event event = all.get(i);
                        if (event.sequence() != i + 1) {
                            readerFailures.add("a gap or repeat before " + event.sequence());
                        }
                        String before = seen.putIfAbsent(event.sequence(), event.id());
                        if (before != null && !before.equals(event.id())) {
                            readerFailures.add("sequence " + event.sequence() + " changed its event");
                        }
                        if (before == null && event.sequence() <= highest) {
                            readerFailures.add("sequence " + event.sequence() + " appeared after " + highest);
                        }
                    }
                    highest = Math.max(highest, all.size());
                }
                return null;
            });
            for (Future<?> writer : writers) {
                writer.get(5, TimeUnit.MINUTES);
            }
            done.set(true);
            reader.get(1, TimeUnit.MINUTES);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(List.of(), readerFailures);
        idsByKey.forEach((key, ids) -> assertEquals(1, ids.size(), "one event for key " + key));
        List<Event> all = TenantContext.callAs(tenant.tenantId(),
                () -> b.context.getBean(EventLog.class).readAfter(topic, 0, 10_000));
        assertEquals(LongStream.rangeClosed(1, all.size()).boxed().toList(), all.stream().map(Event::sequence).toList(),
                "1..N without a gap or a repeat");
        Set<String> logged = new HashSet<>();
        all.forEach(e -> assertTrue(logged.add(e.id()), "each event once"));
        assertEquals(committed, logged, "every committed event, and only those");
        assertFalse(rolledBack.isEmpty());
        rolledBack.forEach(id -> assertFalse(logged.contains(id), "a rolled-back append left no event"));
        assertEquals(all.size(), TenantContext.callAs(tenant.tenantId(),
                () -> a.context.getBean(EventLog.class).lastSequence(topic)));
    }

    private static NewEvent event(String type) {
        return NewEvent.ofUtf8("test", type, Instant.now(), "{}");
    }

    private static String idOf(String body) {
        Matcher m = ID.matcher(body);
        assertTrue(m.find(), body);
        return m.group(1);
    }
}

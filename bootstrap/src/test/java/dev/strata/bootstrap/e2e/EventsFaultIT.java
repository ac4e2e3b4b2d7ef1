package dev.strata.bootstrap.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.application.identity.port.CreateTenantUseCase.TenantCreated;
import dev.strata.domain.shared.RedisServerProcess;
import dev.strata.domain.shared.TestServices;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Events under faults: relays killed with SIGKILL while publishing (each event once in the stream, the set
 * delivered equal to the set committed), Redis killed while publishing and restarted empty (everything
 * delivered afterwards), and order and completeness with 10,000 events over 3 topics and 2 instances.
 */
class EventsFaultIT {
    private static final String REDIS = TestServices.redisUri();
    private static final String JDBC = TestServices.jdbcUrl();
    /** Bounds the crash test's work: publishing stops here even if relays are slow, so the run stays short. */
    private static final int MAX_CRASH_EVENTS = 5_000;

    @Test
    void relaysKilledWithSigkillWhilePublishingLeaveEveryEventOnceInTheStream() throws Exception {
        // the in-JVM instance only publishes; the relays are separate jar processes killed again and again
        try (StrataInstance publisher = StrataInstance.start(Map.of("strata.events.relay-enabled", false))) {
            TenantCreated tenant = Tenants.create(publisher);
            String token = Tenants.adminToken(publisher, tenant);
            String topic = "crash-" + Long.toString(System.nanoTime(), 36);
            Set<Long> committed = ConcurrentHashMap.newKeySet();
            AtomicBoolean publishing = new AtomicBoolean(true);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            List<Future<?>> publishers = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                publishers.add(pool.submit(() -> {
                    while (publishing.get() && committed.size() < MAX_CRASH_EVENTS) {
                        committed.add(EventsClient.publish(publisher, token, topic, "{\"t\":1}"));
                    }
                    return null;
                }));
            }
            try {
                for (int kill = 0; kill < 10; kill++) {
                    Process relay = startJar(Map.of());
                    try {
                        awaitRelayed(topic, tenant, committed.size() / 2, 60_000);
                        Thread.sleep(ThreadLocalRandom.current().nextInt(50, 400));
                    } finally {
                        relay.destroyForcibly();
                        relay.waitFor(10, TimeUnit.SECONDS);
                    }
                }
            } finally {
                publishing.set(false);
                for (Future<?> f : publishers) {
                    f.get();
                }
                pool.shutdownNow();
            }
            // one last relay, allowed to finish
            try (StrataInstance relay = StrataInstance.start()) {
                long expected = committed.size();
                List<Long> stream = awaitRelayed(topic, tenant, expected, 60_000);
                assertTrue(expected > 0, "something was published");
                Set<Long> missing = new TreeSet<>(committed);
                missing.removeAll(stream);
                Set<Long> extra = new TreeSet<>(stream);
                extra.removeAll(committed);
                assertTrue(missing.isEmpty() && extra.isEmpty(), "the set in the stream = the set committed; committed "
                        + expected + ", in stream " + stream.size() + ", missing " + head(missing) + ", extra " + head(extra));
                assertEquals(stream.size(), new TreeSet<>(stream).size(), "no duplicates in the stream");
                assertTrue(LongStream.rangeClosed(1, expected).boxed().toList().equals(stream),
                        "gap-free and in order (" + stream.size() + " entries, first " + head(new TreeSet<>(stream)) + ")");
            }
        }
    }

    private static String head(Set<Long> values) {
        return values.stream().limit(10).toList() + (values.size() > 10 ? " and " + (values.size() - 10) + " more" : "");
    }

    /**
     * Waits until the stream holds {@code atLeast} entries. The timeout counts from the last progress, not
     * from the start: a slow but working relay (a loaded machine) is waited for, a stuck one is not.
     */
    private static List<Long> awaitRelayed(String topic, TenantCreated tenant, long atLeast, long idleTimeoutMs)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + idleTimeoutMs;
        List<Long> sequences = List.of();
        while (System.currentTimeMillis() < deadline) {
            List<Long> now = streamSequences(REDIS, tenant, topic);
            if (now.size() > sequences.size()) {
                deadline = System.currentTimeMillis() + idleTimeoutMs;
            }
            sequences = now;
            if (sequences.size() >= atLeast && atLeast > 0) {
                return sequences;
            }
            Thread.sleep(100);
        }
        return sequences;
    }

    static List<Long> streamSequences(String redisUri, TenantCreated tenant, String topic) {
        RedisClient client = RedisClient.create(redisUri);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            List<StreamMessage<String, String>> messages = connection.sync()
                    .xrange("strata:{" + tenant.tenantId() + "}:events:" + topic + ":stream", Range.create("-", "+"));
            return messages.stream().map(m -> Long.parseLong(m.getId().substring(0, m.getId().indexOf('-')))).toList();
        } finally {
            client.shutdown();
        }
    }

    private static Process startJar(Map<String, String> extra) throws IOException {
        String jar = System.getProperty("strata.test.jar");
        assertNotNull(jar, "failsafe sets strata.test.jar");
        assertTrue(new File(jar).isFile(), "the jar is built before the integration tests: " + jar);
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Dmicronaut.server.port=" + port, "-Dstrata.jwt.secret=" + StrataInstance.JWT_SECRET,
                "-Dredis.uri=" + REDIS, "-Ddatasources.default.url=" + JDBC, "-Dstrata.events.relay-interval=20ms",
                "-Dstrata.migrations.username=" + StrataInstance.ownerUser(),
                "-Dstrata.migrations.password=" + StrataInstance.ownerPassword()));
        extra.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.addAll(List.of("-jar", jar));
        Path log = Files.createTempFile("strata-relay", ".log");
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    @Test
    void redisKilledWhilePublishingAndRestartedEmptyLosesNothing() throws Exception {
        try (RedisServerProcess redis = RedisServerProcess.start();
             StrataInstance instance = StrataInstance.start(Map.of("redis.uri", redis.uri(), "strata.events.relay-enabled", true,
                     "strata.events.relay-interval", "50ms", "strata.redis.retry-after", "200ms"))) {
            TenantCreated tenant = Tenants.create(instance);
            String token = Tenants.adminToken(instance, tenant);
            String topic = "redis-loss";
            assertEquals(201, instance.send(instance.builder("/v1/topics/" + topic + "/groups/g", token)
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"startAt\":\"earliest\"}"))).status());
            for (int i = 1; i <= 20; i++) {
                EventsClient.publish(instance, token, topic, "{\"n\":" + i + "}");
            }
            assertEquals(20, awaitRelayed(topic, tenant, redis.uri(), 20));
            redis.kill();
            for (int i = 21; i <= 40; i++) {
                assertEquals(i, EventsClient.publish(instance, token, topic, "{\"n\":" + i + "}"), "publishing goes on");
            }
            redis.startAgain();

            List<Long> delivered = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 30_000;
            while (delivered.size() < 40 && System.currentTimeMillis() < deadline) {
                StrataInstance.Response read = instance.postJson("/v1/topics/" + topic + "/groups/g/read", token,
                        "{\"consumer\":\"c\",\"count\":100,\"blockMs\":1000}");
                if (read.status() == 200) {
                    delivered.addAll(EventsClient.sequenceOf(read.body()));
                }
            }
            assertEquals(LongStream.rangeClosed(1, 40).boxed().toList(), delivered, "all, in order, once");
            try (EventsClient.Sse sse = new EventsClient.Sse(instance, token, topic, "0")) {
                List<Long> seen = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    EventsClient.Frame frame = sse.nextEvent(10_000);
                    assertNotNull(frame);
                    seen.add(Long.parseLong(frame.id()));
                }
                assertEquals(LongStream.rangeClosed(1, 40).boxed().toList(), seen);
            }
        }
    }

    private static int awaitRelayed(String topic, TenantCreated tenant, String uri, int count) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        int size = 0;
        while (System.currentTimeMillis() < deadline && size < count) {
            size = streamSequences(uri, tenant, topic).size();
            Thread.sleep(50);
        }
        return size;
    }

    @Test
    void tenThousandEventsOverThreeTopicsAndTwoInstancesReachEachGroupOnceInOrder() throws Exception {
        try (StrataInstance a = StrataInstance.start(); StrataInstance b = StrataInstance.start()) {
            TenantCreated tenant = Tenants.create(a);
            String token = Tenants.adminToken(a, tenant);
            List<String> topics = List.of("orders", "payments", "shipments");
            for (String topic : topics) {
                for (String group : List.of("billing", "audit")) {
                    assertEquals(201, a.send(a.builder("/v1/topics/" + topic + "/groups/" + group, token)
                            .header("Content-Type", "application/json")
                            .PUT(HttpRequest.BodyPublishers.ofString("{\"startAt\":\"earliest\"}"))).status());
                }
            }
            int total = 10_000;
            ExecutorService pool = Executors.newFixedThreadPool(12);
            List<Future<?>> work = new ArrayList<>();
            // consumers run while publishing goes on: 2 consumers per group, one on each instance
            Map<String, List<Long>> seen = new ConcurrentHashMap<>();
            AtomicBoolean done = new AtomicBoolean();
            for (String topic : topics) {
                for (String group : List.of("billing", "audit")) {
                    for (StrataInstance instance : List.of(a, b)) {
                        String consumer = (instance == a ? "a-" : "b-") + group;
                        List<Long> mine = Collections.synchronizedList(new ArrayList<>());
                        seen.put(topic + "/" + group + "/" + consumer, mine);
                        work.add(pool.submit(() -> consume(instance, token, topic, group, consumer, mine, done)));
                    }
                }
            }
            ExecutorService publishers = Executors.newFixedThreadPool(6);
            List<Future<?>> published = new ArrayList<>();
            for (int p = 0; p < 6; p++) {
                int index = p;
                published.add(publishers.submit(() -> {
                    for (int i = index; i < total; i += 6) {
                        EventsClient.publish(i % 2 == 0 ? a : b, token, topics.get(i % 3), "{\"i\":" + i + "}");
                    }
                    return null;
                }));
            }
            for (Future<?> f : published) {
                f.get();
            }
            publishers.shutdown();
            long deadline = System.currentTimeMillis() + 120_000;
            while (System.currentTimeMillis() < deadline && !allSeen(seen, topics, total)) {
                Thread.sleep(200);
            }
            done.set(true);
            for (Future<?> f : work) {
                f.get();
            }
            pool.shutdown();
            for (String topic : topics) {
                long expected = topic.equals("orders") ? 3334 : 3333;
                for (String group : List.of("billing", "audit")) {
                    List<Long> groupSeen = new ArrayList<>();
                    for (String consumer : List.of("a-" + group, "b-" + group)) {
                        List<Long> mine = seen.get(topic + "/" + group + "/" + consumer);
                        assertEquals(new ArrayList<>(new TreeSet<>(mine)), mine, "each consumer sees its events in order");
                        groupSeen.addAll(mine);
                    }
                    Collections.sort(groupSeen);
                    assertEquals(LongStream.rangeClosed(1, expected).boxed().toList(), groupSeen,
                            topic + "/" + group + ": each event exactly once");
                }
            }
        }
    }

    private static boolean allSeen(Map<String, List<Long>> seen, List<String> topics, int total) {
        return seen.values().stream().mapToInt(List::size).sum() >= 2L * total;
    }

    private static Void consume(StrataInstance instance, String token, String topic, String group, String consumer,
                                List<Long> mine, AtomicBoolean done) {
        while (!done.get()) {
            StrataInstance.Response read = instance.postJson("/v1/topics/" + topic + "/groups/" + group + "/read", token,
                    "{\"consumer\":\"" + consumer + "\",\"count\":200,\"blockMs\":200}");
            if (read.status() != 200) {
                continue;
            }
            List<Long> sequences = EventsClient.sequenceOf(read.body());
            if (sequences.isEmpty()) {
                continue;
            }
            mine.addAll(sequences);
            List<String> ids = new ArrayList<>();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"id\":\"([^\"]+)\"").matcher(read.body());
            while (m.find()) {
                ids.add("\"" + m.group(1) + "\"");
            }
            instance.postJson("/v1/topics/" + topic + "/groups/" + group + "/ack", token, "{\"ids\":" + ids + "}");
        }
        return null;
    }
}

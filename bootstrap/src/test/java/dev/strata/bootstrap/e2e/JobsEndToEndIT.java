package dev.strata.bootstrap.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.application.identity.port.CreateTenantUseCase.TenantCreated;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Jobs over HTTP on two instances sharing one Redis and one Postgres: the main flow, dedup, errors, isolation. */
class JobsEndToEndIT {
    private static StrataInstance a;
    private static StrataInstance b;
    private static String token;
    private static String otherToken;

    @BeforeAll
    static void start() {
        a = StrataInstance.start();
        b = StrataInstance.start();
        TenantCreated tenant = Tenants.create(a);
        token = Tenants.adminToken(a, tenant);
        otherToken = Tenants.adminToken(a, Tenants.create(a));
    }

    @AfterAll
    static void stop() {
        a.close();
        b.close();
    }

    private static String queue() {
        return "q-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void enqueueOnOneClaimAndCompleteOnTheOther() {
        String q = queue();
        StrataInstance.Response enqueued = a.postJson("/v1/queues/" + q + "/jobs", token,
                "{\"type\":\"send\",\"payload\":{\"to\":\"x\"}}");
        assertEquals(201, enqueued.status(), enqueued.body());
        String id = enqueued.json("id");
        StrataInstance.Response claimed = b.postJson("/v1/queues/" + q + "/claim", token,
                "{\"worker\":\"w1\",\"count\":5,\"waitMs\":1000}");
        assertEquals(200, claimed.status(), claimed.body());
        assertTrue(claimed.body().contains(id), claimed.body());
        assertTrue(claimed.body().contains("\"state\":\"running\""), claimed.body());
        assertEquals(200, a.postJson("/v1/jobs/" + id + "/heartbeat", token,
                "{\"worker\":\"w1\",\"progress\":50,\"message\":\"half\"}").status());
        assertEquals(409, a.postJson("/v1/jobs/" + id + "/complete", token, "{\"worker\":\"w2\"}").status(),
                "only the lease holder completes");
        StrataInstance.Response done = a.postJson("/v1/jobs/" + id + "/complete", token,
                "{\"worker\":\"w1\",\"result\":{\"ok\":true}}");
        assertEquals(200, done.status(), done.body());
        StrataInstance.Response read = b.get("/v1/jobs/" + id, token);
        assertEquals("completed", read.json("state"), read.body());
        StrataInstance.Response none = b.postJson("/v1/queues/" + q + "/claim", token, "{\"worker\":\"w1\"}");
        assertEquals(200, none.status(), none.body());
        assertFalse(none.body().contains(id), "completed once, never claimed again: " + none.body());
        StrataInstance.Response events = a.get("/v1/topics/jobs." + q + "/events", token);
        assertEquals(200, events.status(), events.body());
        assertTrue(events.body().contains("job.completed"), events.body());
    }

    @Test
    void aDuplicateUniqueKeyOrIdempotencyKeyAnswersTheFirstJob() {
        String q = queue();
        String first = a.postJson("/v1/queues/" + q + "/jobs", token,
                "{\"type\":\"t\",\"payload\":1,\"uniqueKey\":\"u1\"}").json("id");
        StrataInstance.Response again = b.postJson("/v1/queues/" + q + "/jobs", token,
                "{\"type\":\"t\",\"payload\":2,\"uniqueKey\":\"u1\"}");
        assertEquals(200, again.status(), again.body());
        assertEquals(first, again.json("id"));
        StrataInstance.Response keyed = a.send(a.builder("/v1/queues/" + q + "/jobs", token)
                .header("Content-Type", "application/json").header("Idempotency-Key", "k1")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"type\":\"t\",\"payload\":3}")));
        StrataInstance.Response keyedAgain = b.send(b.builder("/v1/queues/" + q + "/jobs", token)
                .header("Content-Type", "application/json").header("Idempotency-Key", "k1")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"type\":\"t\",\"payload\":3}")));
        assertEquals(201, keyed.status(), keyed.body());
        assertEquals(keyed.json("id"), keyedAgain.json("id"));
    }

    @Test
    void badInputIs400NamingTheFieldAndAnotherTenantsJobIs404() {
        String q = queue();
        StrataInstance.Response priority = a.postJson("/v1/queues/" + q + "/jobs", token,
                "{\"type\":\"t\",\"payload\":{},\"priority\":10}");
        assertEquals(400, priority.status(), priority.body());
        assertTrue(priority.body().contains("priority"), priority.body());
        StrataInstance.Response delay = a.postJson("/v1/queues/" + q + "/jobs", token,
                "{\"type\":\"t\",\"payload\":{},\"delaySeconds\":-1}");
        assertEquals(400, delay.status(), delay.body());
        assertTrue(delay.body().contains("delaySeconds"), delay.body());
        StrataInstance.Response state = a.get("/v1/queues/" + q + "/jobs?state=bogus", token);
        assertEquals(400, state.status(), state.body());
        assertTrue(state.body().contains("state"), state.body());
        StrataInstance.Response cron = a.send(a.builder("/v1/schedules/s1", token).header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"queue\":\"" + q + "\",\"type\":\"t\",\"payload\":{},\"cron\":\"61 * * * *\"}")));
        assertEquals(400, cron.status(), cron.body());
        assertTrue(cron.body().contains("cron"), cron.body());

        String id = a.postJson("/v1/queues/" + q + "/jobs", token, "{\"type\":\"t\",\"payload\":{}}").json("id");
        assertEquals(404, b.get("/v1/jobs/" + id, otherToken).status());
        assertEquals(404, b.delete("/v1/jobs/" + id, otherToken).status());
        assertEquals(200, b.delete("/v1/jobs/" + id, token).status(), "cancelled by its own tenant");
        assertFalse(a.get("/v1/jobs/" + id, token).body().contains("\"state\":\"waiting\""));
    }

    @Test
    void concurrentEnqueuesClaimsAndCompletionsOnBothInstancesHappenOnceEachWithGapFreeEvents() throws Exception {
        // concurrent requests of one queue are written in batches: every answer is still its own, and exact
        String q = queue();
        int n = 48;
        ExecutorService pool = Executors.newFixedThreadPool(16);
        Set<String> created = new HashSet<>();
        try {
            List<Future<StrataInstance.Response>> sent = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                StrataInstance instance = i % 2 == 0 ? a : b;
                // requests 8k and 8k+1 share an Idempotency-Key, one sent to each instance
                String key = i % 8 < 2 ? "dup-" + (i / 8) : null;
                int payload = i;
                sent.add(pool.submit(() -> {
                    var request = instance.builder("/v1/queues/" + q + "/jobs", token)
                            .header("Content-Type", "application/json");
                    if (key != null) {
                        request.header("Idempotency-Key", key);
                    }
                    return instance.send(request.POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                            "{\"type\":\"t\",\"payload\":" + payload + "}")));
                }));
            }
            List<String> ids = new ArrayList<>();
            for (Future<StrataInstance.Response> future : sent) {
                StrataInstance.Response response = future.get(60, TimeUnit.SECONDS);
                assertTrue(response.status() == 201 || response.status() == 200, response.body());
                ids.add(response.json("id"));
                if (response.status() == 201) {
                    assertTrue(created.add(response.json("id")), "a new job answered twice: " + response.body());
                }
            }
            for (int i = 0; i < n; i += 8) {
                assertEquals(ids.get(i), ids.get(i + 1), "one job per Idempotency-Key");
            }
            assertEquals(n - n / 8, created.size());
            assertEquals(created, new HashSet<>(ids));

            Set<String> claimed = java.util.concurrent.ConcurrentHashMap.newKeySet();
            List<String> twice = java.util.Collections.synchronizedList(new ArrayList<>());
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < 12; w++) {
                StrataInstance instance = w % 2 == 0 ? a : b;
                String worker = "w" + w;
                workers.add(pool.submit(() -> {
                    while (true) {
                        StrataInstance.Response claim = instance.postJson("/v1/queues/" + q + "/claim", token,
                                "{\"worker\":\"" + worker + "\",\"count\":1}");
                        assertEquals(200, claim.status(), claim.body());
                        Matcher m = JOB_ID.matcher(claim.body());
                        if (!m.find()) {
                            return null;
                        }
                        if (!claimed.add(m.group(1))) {
                            twice.add(m.group(1));
                        }
                        StrataInstance.Response done = instance.postJson("/v1/jobs/" + m.group(1) + "/complete",
                                token, "{\"worker\":\"" + worker + "\"}");
                        assertEquals(200, done.status(), done.body());
                    }
                }));
            }
            for (Future<?> worker : workers) {
                worker.get(120, TimeUnit.SECONDS);
            }
            assertEquals(List.of(), twice, "claimed twice");
            assertEquals(created, claimed);
        } finally {
            pool.shutdownNow();
        }
        // every change is one event, numbered 1..N without a gap
        List<Long> sequences = new ArrayList<>();
        Map<String, Integer> types = new HashMap<>();
        long after = 0;
        while (true) {
            StrataInstance.Response page = a.get("/v1/topics/jobs." + q + "/events?after=" + after + "&limit=100", token);
            assertEquals(200, page.status(), page.body());
            List<Long> got = EventsClient.sequenceOf(page.body());
            if (got.isEmpty()) {
                break;
            }
            sequences.addAll(got);
            after = got.get(got.size() - 1);
            Matcher type = EVENT_TYPE.matcher(page.body());
            while (type.find()) {
                types.merge(type.group(1), 1, Integer::sum);
            }
        }
        int changes = 3 * created.size();
        assertEquals(java.util.stream.LongStream.rangeClosed(1, changes).boxed().toList(), sequences);
        assertEquals(Map.of("job.waiting", created.size(), "job.running", created.size(), "job.completed",
                created.size()), types);
    }

    private static final Pattern JOB_ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    private static final Pattern EVENT_TYPE = Pattern.compile("\"type\"\\s*:\\s*\"(job\\.[a-z]+)\"");

    @Test
    void concurrencyTwoHoldsAcrossInstancesAndPauseStopsClaims() {
        String q = queue();
        StrataInstance.Response limits = a.send(a.builder("/v1/queues/" + q, token).header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"concurrency\":2}")));
        assertEquals(200, limits.status(), limits.body());
        for (int i = 0; i < 6; i++) {
            assertEquals(201, a.postJson("/v1/queues/" + q + "/jobs", token, "{\"type\":\"t\",\"payload\":" + i + "}").status());
        }
        int running = 0;
        for (StrataInstance instance : new StrataInstance[] {a, b, a, b}) {
            String body = instance.postJson("/v1/queues/" + q + "/claim", token, "{\"worker\":\"w\",\"count\":5}").body();
            running += body.split("\"state\":\"running\"", -1).length - 1;
        }
        assertEquals(2, running, "at most two running across both instances");
        assertEquals(200, b.postJson("/v1/queues/" + q + "/pause", token, "").status());
        StrataInstance.Response stats = a.get("/v1/queues/" + q, token);
        assertTrue(stats.body().contains("\"paused\":true"), stats.body());
        assertTrue(stats.body().contains("\"running\":2"), stats.body());
    }
}

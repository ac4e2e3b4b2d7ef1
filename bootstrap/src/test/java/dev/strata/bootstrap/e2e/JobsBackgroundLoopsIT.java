package dev.strata.bootstrap.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.application.identity.port.CreateTenantUseCase.TenantCreated;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The jobs background loops on two instances sharing one Redis and one Postgres, with nobody calling the per-tenant
 * use cases: the lease reaper, the schedule ticker and the retention of finished jobs; and a queue's claim rate
 * holding over both instances.
 */
class JobsBackgroundLoopsIT {
    private static final Map<String, Object> LOOPS = Map.of(
            "strata.jobs.reap-interval", "200ms",
            "strata.jobs.tick-interval", "200ms",
            "strata.jobs.retention.interval", "300ms",
            "strata.jobs.retention.completed", "1s",
            "strata.jobs.retention.dead", "1h");
    private static StrataInstance a;
    private static StrataInstance b;
    private static String token;

    @BeforeAll
    static void start() {
        a = StrataInstance.start(LOOPS);
        b = StrataInstance.start(LOOPS);
        TenantCreated tenant = Tenants.create(a);
        token = Tenants.adminToken(a, tenant);
    }

    @AfterAll
    static void stop() {
        a.close();
        b.close();
    }

    static String queue() {
        return "loops-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static long number(String body, String field) {
        return LoopsSupport.number(body, field);
    }

    static boolean eventually(int seconds, BooleanSupplier condition) {
        return LoopsSupport.eventually(seconds, condition);
    }

    @Test
    void aWorkerThatStopsHeartbeatingLosesItsLeaseToTheLoopAndTheJobRunsAgain() {
        String q = queue();
        String id = a.postJson("/v1/queues/" + q + "/jobs", token, "{\"type\":\"t\",\"payload\":{},\"timeoutSeconds\":1,"
                + "\"backoff\":{\"type\":\"fixed\",\"baseSeconds\":1,\"maxSeconds\":1}}").json("id");
        StrataInstance.Response claimed = a.postJson("/v1/queues/" + q + "/claim", token, "{\"worker\":\"dies\"}");
        assertTrue(claimed.body().contains(id), claimed.body());
        // nobody claims on the queue: only the loop can end the lease
        assertTrue(eventually(15, () -> !"running".equals(b.get("/v1/jobs/" + id, token).json("state"))),
                "reaped by the background loop");
        StrataInstance.Response reaped = b.get("/v1/jobs/" + id, token);
        assertEquals("lease expired", reaped.json("lastError"), reaped.body());
        assertEquals(1, number(reaped.body(), "attempts"), reaped.body());
        // the loop counts a round's reaps when the round ends, after every tenant's queues: a moment after the commit
        assertTrue(eventually(15, () -> reapsCounted() >= 1), "the reap is counted by the instance that did it");
        assertEquals(409, a.postJson("/v1/jobs/" + id + "/complete", token, "{\"worker\":\"dies\"}").status(),
                "the dead worker's lease is gone");
        StrataInstance.Response again = b.postJson("/v1/queues/" + q + "/claim", token,
                "{\"worker\":\"lives\",\"waitMs\":10000}");
        assertTrue(again.body().contains(id), again.body());
        assertEquals(200, b.postJson("/v1/jobs/" + id + "/complete", token, "{\"worker\":\"lives\"}").status());
        StrataInstance.Response done = a.get("/v1/jobs/" + id, token);
        assertEquals(2, number(done.body(), "attempts"), done.body());
    }

    /** The reaps both instances' loops have counted. */
    private double reapsCounted() {
        double counted = 0;
        for (StrataInstance instance : new StrataInstance[] {a, b}) {
            io.micrometer.core.instrument.Counter counter = instance.context
                    .getBean(io.micrometer.core.instrument.MeterRegistry.class)
                    .find("strata.jobs.housekeeping").tag("loop", "reap").counter();
            counted += counter == null ? 0 : counter.count();
        }
        return counted;
    }

    @Test
    void aCronScheduleEveryTwoSecondsOnTwoInstancesEnqueuesOneJobPerTick() {
        String q = queue();
        String name = "every-2s-" + q;
        StrataInstance.Response put = a.send(a.builder("/v1/schedules/" + name, token)
                .header("Content-Type", "application/json").PUT(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"queue\":\"" + q + "\",\"type\":\"tick\",\"payload\":{},\"cron\":\"*/2 * * * * *\"}")));
        assertEquals(200, put.status(), put.body());
        Instant first = Instant.parse(put.json("nextRunAt"));
        Instant fifth = first.plusSeconds(8);
        assertTrue(eventually(30, () -> lastRun(name).map(last -> !last.isBefore(fifth)).orElse(false)),
                "five ticks fired by the instances' tickers");
        // a consistent view: the jobs counted between two equal readings of the last fired tick
        for (int attempt = 0; attempt < 20; attempt++) {
            Instant before = lastRun(name).orElseThrow();
            long jobs = number(b.get("/v1/queues/" + q, token).body(), "waiting");
            Instant after = lastRun(name).orElseThrow();
            if (before.equals(after)) {
                long ticks = Duration.between(first, before).toSeconds() / 2 + 1;
                assertTrue(ticks >= 5, "at least five ticks: " + ticks);
                assertEquals(ticks, jobs, "exactly one job per tick over both instances, up to " + before);
                assertEquals(204, b.delete("/v1/schedules/" + name, token).status());
                return;
            }
        }
        throw new AssertionError("the schedule kept firing between two readings");
    }

    private static Optional<Instant> lastRun(String name) {
        return Optional.ofNullable(a.get("/v1/schedules/" + name, token).json("lastRunAt")).map(Instant::parse);
    }

    @Test
    void aRateOfFivePerSecondHoldsInEveryOneSecondWindowAcrossInstances() throws Exception {
        String q = queue();
        StrataInstance.Response limits = a.send(a.builder("/v1/queues/" + q, token).header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"ratePerSecond\":5}")));
        assertEquals(200, limits.status(), limits.body());
        for (int i = 0; i < 40; i++) {
            assertEquals(201, a.postJson("/v1/queues/" + q + "/jobs", token, "{\"type\":\"t\",\"payload\":" + i + "}").status());
        }
        List<Instant> starts = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.ExecutorService workers = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<?>> running = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                StrataInstance instance = w % 2 == 0 ? a : b;
                String worker = "w" + w;
                running.add(workers.submit(() -> {
                    while (starts.size() < 25) {
                        String body = instance.postJson("/v1/queues/" + q + "/claim", token,
                                "{\"worker\":\"" + worker + "\",\"count\":5,\"waitMs\":300}").body();
                        Matcher m = Pattern.compile("\"startedAt\"\\s*:\\s*\"([^\"]+)\"").matcher(body);
                        while (m.find()) {
                            starts.add(Instant.parse(m.group(1)));
                        }
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> worker : running) {
                worker.get(60, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            workers.shutdownNow();
        }
        List<Instant> sorted = starts.stream().sorted().toList();
        assertTrue(sorted.size() >= 25, "claims went on: " + sorted.size());
        for (int i = 0; i < sorted.size(); i++) {
            Instant from = sorted.get(i);
            long inWindow = sorted.stream().filter(t -> !t.isBefore(from) && t.isBefore(from.plusSeconds(1))).count();
            assertTrue(inWindow <= 5, inWindow + " claims in the second from " + from + ": " + sorted);
        }
        java.util.Map<Long, Long> perSecond = sorted.stream()
                .collect(java.util.stream.Collectors.groupingBy(Instant::getEpochSecond, java.util.stream.Collectors.counting()));
        assertTrue(perSecond.values().stream().allMatch(n -> n <= 5), perSecond.toString());
    }

    @Test
    void finishedJobsAreDeletedAfterTheirRetentionAndDeadOnesKeptLonger() {
        String q = queue();
        String completed = a.postJson("/v1/queues/" + q + "/jobs", token, "{\"type\":\"t\",\"payload\":1}").json("id");
        String failed = a.postJson("/v1/queues/" + q + "/jobs", token, "{\"type\":\"t\",\"payload\":2}").json("id");
        String waiting = a.postJson("/v1/queues/" + q + "/jobs", token,
                "{\"type\":\"later\",\"payload\":3,\"delaySeconds\":3600}").json("id");
        StrataInstance.Response claimed = a.postJson("/v1/queues/" + q + "/claim", token,
                "{\"worker\":\"w\",\"count\":2,\"types\":[\"t\"]}");
        assertTrue(claimed.body().contains(completed) && claimed.body().contains(failed), claimed.body());
        assertEquals(200, a.postJson("/v1/jobs/" + completed + "/complete", token, "{\"worker\":\"w\"}").status());
        assertEquals(200, a.postJson("/v1/jobs/" + failed + "/fail", token,
                "{\"worker\":\"w\",\"error\":\"no\",\"retry\":false}").status());
        assertTrue(eventually(15, () -> b.get("/v1/jobs/" + completed, token).status() == 404),
                "the completed job is deleted after strata.jobs.retention.completed");
        assertEquals("failed", b.get("/v1/jobs/" + failed, token).json("state"), "kept for strata.jobs.retention.dead");
        assertEquals("delayed", b.get("/v1/jobs/" + waiting, token).json("state"), "pending jobs are never deleted");
    }
}

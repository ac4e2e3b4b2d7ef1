package dev.strata.bootstrap.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.application.identity.port.CreateTenantUseCase.TenantCreated;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The jobs background loops on two instances sharing one Redis and one Postgres, with nobody calling the per-tenant
 * use cases: the lease reaper, the schedule ticker and the retention of finished jobs.
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
        Matcher m = Pattern.compile("\"" + field + "\"\\s*:\\s*(-?\\d+)").matcher(body);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    /** Waits up to {@code seconds} for {@code condition}; true when it came. */
    static boolean eventually(int seconds, BooleanSupplier condition) {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return condition.getAsBoolean();
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
        assertEquals(409, a.postJson("/v1/jobs/" + id + "/complete", token, "{\"worker\":\"dies\"}").status(),
                "the dead worker's lease is gone");
        StrataInstance.Response again = b.postJson("/v1/queues/" + q + "/claim", token,
                "{\"worker\":\"lives\",\"waitMs\":10000}");
        assertTrue(again.body().contains(id), again.body());
        assertEquals(200, b.postJson("/v1/jobs/" + id + "/complete", token, "{\"worker\":\"lives\"}").status());
        StrataInstance.Response done = a.get("/v1/jobs/" + id, token);
        assertEquals(2, number(done.body(), "attempts"), done.body());
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

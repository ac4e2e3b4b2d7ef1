package dev.strata.bootstrap.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.application.identity.port.CreateTenantUseCase.TenantCreated;
import java.util.UUID;
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

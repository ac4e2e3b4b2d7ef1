package dev.strata.bootstrap.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every bad input of the jobs routes is a 400 problem+json naming its field (an oversized payload, a bad six-field
 * cron, a rate of 0, besides the cases {@code JobsEndToEndIT} covers); a body over the request limit is refused
 * before it is read; another tenant's job, queue entry or schedule is a 404.
 */
class JobsBadInputIT {
    private static StrataInstance a;
    private static String token;
    private static String otherToken;

    @BeforeAll
    static void start() {
        a = StrataInstance.start();
        token = Tenants.adminToken(a, Tenants.create(a));
        otherToken = Tenants.adminToken(a, Tenants.create(a));
    }

    @AfterAll
    static void stop() {
        a.close();
    }

    private static String queue() {
        return "bad-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static void assertProblemNaming(StrataInstance.Response response, String field) {
        assertEquals(400, response.status(), response.body());
        assertTrue(response.headers().getOrDefault("content-type", java.util.List.of()).toString()
                .contains("application/problem+json"), response.headers().toString());
        assertTrue(response.body().contains("\"" + field + "\""), "names " + field + ": " + response.body());
    }

    private static StrataInstance.Response put(String path, String tokenToUse, String json) {
        return a.send(a.builder(path, tokenToUse).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    @Test
    void badInputIsA400ProblemNamingTheField() {
        String q = queue();
        String big = "\"" + "x".repeat(300 * 1024) + "\"";
        assertProblemNaming(a.postJson("/v1/queues/" + q + "/jobs", token, "{\"type\":\"t\",\"payload\":" + big + "}"),
                "payload");
        assertProblemNaming(a.postJson("/v1/queues/" + q + "/jobs", token, "{\"type\":\"t\",\"payload\":{},\"priority\":10}"),
                "priority");
        assertProblemNaming(a.postJson("/v1/queues/" + q + "/jobs", token,
                "{\"type\":\"t\",\"payload\":{},\"delaySeconds\":-5}"), "delaySeconds");
        assertProblemNaming(a.get("/v1/queues/" + q + "/jobs?state=finished", token), "state");
        assertProblemNaming(put("/v1/schedules/s-" + q, token,
                "{\"queue\":\"" + q + "\",\"type\":\"t\",\"payload\":{},\"cron\":\"60 * * * * *\"}"), "cron");
        assertProblemNaming(put("/v1/schedules/s-" + q, token,
                "{\"queue\":\"" + q + "\",\"type\":\"t\",\"payload\":{},\"cron\":\"* * * * * * *\"}"), "cron");
        assertProblemNaming(put("/v1/queues/" + q, token, "{\"ratePerSecond\":0}"), "ratePerSecond");
    }

    @Test
    void aBodyOverTheRequestLimitIsRefused() {
        String q = queue();
        String huge = "\"" + "x".repeat(2 * 1024 * 1024) + "\"";
        StrataInstance.Response refused = a.postJson("/v1/queues/" + q + "/jobs", token,
                "{\"type\":\"t\",\"payload\":" + huge + "}");
        assertEquals(413, refused.status(), refused.body());
        String stats = a.get("/v1/queues/" + q, token).body();
        assertTrue(LoopsSupport.number(stats, "waiting") <= 0, "nothing enqueued: " + stats);
    }

    @Test
    void anotherTenantsJobsAndSchedulesAreNotFound() {
        String q = queue();
        String id = a.postJson("/v1/queues/" + q + "/jobs", token, "{\"type\":\"t\",\"payload\":{}}").json("id");
        assertEquals(200, put("/v1/schedules/mine-" + q, token,
                "{\"queue\":\"" + q + "\",\"type\":\"t\",\"payload\":{},\"cron\":\"0 3 * * *\"}").status());
        assertEquals(404, a.get("/v1/jobs/" + id, otherToken).status());
        assertEquals(404, a.delete("/v1/jobs/" + id, otherToken).status());
        assertEquals(404, a.postJson("/v1/jobs/" + id + "/complete", otherToken, "{\"worker\":\"w\"}").status());
        assertEquals(404, a.postJson("/v1/queues/" + q + "/jobs/" + id + "/retry", otherToken, "").status());
        assertEquals(404, a.get("/v1/schedules/mine-" + q, otherToken).status());
        assertEquals(404, a.delete("/v1/schedules/mine-" + q, otherToken).status());
        assertEquals("waiting", a.get("/v1/jobs/" + id, token).json("state"), "untouched by the other tenant");
        assertEquals(200, a.get("/v1/schedules/mine-" + q, token).status());
    }
}

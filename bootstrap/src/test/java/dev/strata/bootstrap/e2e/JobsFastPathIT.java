package dev.strata.bootstrap.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.application.identity.port.CreateTenantUseCase.TenantCreated;
import dev.strata.domain.shared.RedisServerProcess;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Waiting claims on two instances sharing one Redis and one Postgres: a claim waiting on one instance is woken by an
 * enqueue on the other, a delayed job reaches a waiting claim once due, and with Redis killed mid-wait the claim still
 * gets its job from Postgres, once. The instances poll only every 60 s here (longer than any wait), so a claim that
 * answers with a job before its wait is over was woken by the live channel or the next due time, never by a poll.
 */
class JobsFastPathIT {
    private static final Map<String, Object> NO_POLL = Map.of("strata.jobs.claims.poll-interval", "60s");

    private static StrataInstance a;
    private static StrataInstance b;
    private static String token;

    @BeforeAll
    static void start() {
        a = StrataInstance.start(NO_POLL);
        b = StrataInstance.start(NO_POLL);
        TenantCreated tenant = Tenants.create(a);
        token = Tenants.adminToken(a, tenant);
    }

    @AfterAll
    static void stop() {
        a.close();
        b.close();
    }

    private static String queue() {
        return "q-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static CompletableFuture<StrataInstance.Response> claimLater(StrataInstance on, String auth, String q,
                                                                           String worker, int waitMs) {
        return CompletableFuture.supplyAsync(() -> on.postJson("/v1/queues/" + q + "/claim", auth,
                "{\"worker\":\"" + worker + "\",\"waitMs\":" + waitMs + "}"));
    }

    /** Enqueued jobs (ids) in order; the claims answered with them in the same order, one job each. */
    @Test
    void claimsWaitingOnOneInstanceGetJobsEnqueuedOnTheOtherBeforeTheirWaitIsOver() throws Exception {
        String q = queue();
        int waitMs = 15_000;
        List<String> claimedIds = new ArrayList<>();
        List<String> enqueuedIds = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            CompletableFuture<StrataInstance.Response> waiting = claimLater(b, token, q, "w" + round, waitMs);
            Thread.sleep(300); // lets the claim find the queue empty and start waiting (if not, it claims at once)
            assertFalse(waiting.isDone(), "the queue is empty: the claim waits");
            StrataInstance.Response enqueued = a.postJson("/v1/queues/" + q + "/jobs", token,
                    "{\"type\":\"t\",\"payload\":{\"round\":" + round + "}}");
            assertEquals(201, enqueued.status(), enqueued.body());
            enqueuedIds.add(enqueued.json("id"));
            // half the wait: without a wake-up the claim would answer only at its end (the poll is 60 s)
            StrataInstance.Response claimed = waiting.get(waitMs / 2, TimeUnit.MILLISECONDS);
            assertEquals(200, claimed.status(), claimed.body());
            claimedIds.add(claimed.json("id"));
        }
        assertEquals(enqueuedIds, claimedIds, "each waiting claim got the job enqueued on the other instance");
        for (String id : enqueuedIds) {
            StrataInstance.Response job = a.get("/v1/jobs/" + id, token);
            assertEquals("running", job.json("state"), job.body());
            assertTrue(job.body().contains("\"attempts\":1"), "claimed once: " + job.body());
        }
    }

    @Test
    void aDelayedJobIsNotClaimableBeforeItsRunAtAndReachesAWaitingClaimAfter() throws Exception {
        String q = queue();
        StrataInstance.Response enqueued = a.postJson("/v1/queues/" + q + "/jobs", token,
                "{\"type\":\"t\",\"payload\":{},\"delaySeconds\":2}");
        assertEquals(201, enqueued.status(), enqueued.body());
        assertEquals("delayed", enqueued.json("state"));
        String id = enqueued.json("id");
        StrataInstance.Response early = b.postJson("/v1/queues/" + q + "/claim", token, "{\"worker\":\"early\"}");
        assertFalse(early.body().contains(id), "not claimable before its runAt: " + early.body());
        // the claim waits 15 s; the job is due after 2 s and the poll is 60 s: only the due time wakes it in time
        StrataInstance.Response claimed = claimLater(b, token, q, "patient", 15_000).get(10, TimeUnit.SECONDS);
        assertEquals(200, claimed.status(), claimed.body());
        assertTrue(claimed.body().contains(id), claimed.body());
        StrataInstance.Response job = a.get("/v1/jobs/" + id, token);
        assertEquals("running", job.json("state"), job.body());
        assertTrue(job.body().contains("\"worker\":\"patient\""), job.body());
    }

    @Test
    void aJobDelayedOnOneInstanceReachesAClaimAlreadyWaitingOnTheOtherAtItsRunAt() throws Exception {
        String q = queue();
        // the claim waits on an empty queue: nothing due that it could have read itself
        CompletableFuture<StrataInstance.Response> waiting = claimLater(b, token, q, "patient", 15_000);
        Thread.sleep(300);
        assertFalse(waiting.isDone(), "the queue is empty: the claim waits");
        StrataInstance.Response enqueued = a.postJson("/v1/queues/" + q + "/jobs", token,
                "{\"type\":\"t\",\"payload\":{},\"delaySeconds\":2}");
        assertEquals(201, enqueued.status(), enqueued.body());
        assertEquals("delayed", enqueued.json("state"));
        String id = enqueued.json("id");
        // the job.delayed event from the other instance sets the waiter's timer at runAt (the poll is 60 s)
        StrataInstance.Response claimed = waiting.get(10, TimeUnit.SECONDS);
        assertEquals(200, claimed.status(), claimed.body());
        assertTrue(claimed.body().contains(id), claimed.body());
        StrataInstance.Response job = a.get("/v1/jobs/" + id, token);
        assertEquals("running", job.json("state"), job.body());
        assertTrue(job.body().contains("\"attempts\":1"), job.body());
    }

    @Test
    void withRedisKilledMidWaitTheClaimStillGetsItsJobFromPostgresOnce() throws Exception {
        try (RedisServerProcess redis = RedisServerProcess.start();
             StrataInstance own = StrataInstance.start(Map.of("redis.uri", redis.uri(), "strata.events.relay-enabled", true,
                     "strata.jobs.claims.poll-interval", "250ms", "strata.redis.retry-after", "200ms"))) {
            String ownToken = Tenants.adminToken(own, Tenants.create(own));
            String q = queue();
            CompletableFuture<StrataInstance.Response> waiting = claimLater(own, ownToken, q, "w", 15_000);
            Thread.sleep(300);
            redis.kill();
            StrataInstance.Response enqueued = own.postJson("/v1/queues/" + q + "/jobs", ownToken,
                    "{\"type\":\"t\",\"payload\":{}}");
            assertEquals(201, enqueued.status(), enqueued.body());
            String id = enqueued.json("id");
            StrataInstance.Response claimed = waiting.get(15, TimeUnit.SECONDS);
            assertEquals(200, claimed.status(), claimed.body());
            assertTrue(claimed.body().contains(id), "the bounded poll found it: " + claimed.body());
            StrataInstance.Response again = own.postJson("/v1/queues/" + q + "/claim", ownToken,
                    "{\"worker\":\"w2\",\"waitMs\":500}");
            assertEquals(200, again.status(), again.body());
            assertFalse(again.body().contains(id), "never claimed twice: " + again.body());
            StrataInstance.Response job = own.get("/v1/jobs/" + id, ownToken);
            assertTrue(job.body().contains("\"attempts\":1"), job.body());
            redis.startAgain();
        }
    }
}

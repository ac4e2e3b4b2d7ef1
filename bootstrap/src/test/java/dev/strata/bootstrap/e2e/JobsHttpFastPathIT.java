package dev.strata.bootstrap.e2e;

import static dev.strata.bootstrap.e2e.CacheEndToEndIT.assertProblem;
import static dev.strata.bootstrap.e2e.PublishFastPathIT.comparable;
import static dev.strata.bootstrap.e2e.PublishFastPathIT.timed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.adapters.http.jobs.JobCompleteFastRoute;
import dev.strata.adapters.http.jobs.JobEnqueueFastRoute;
import dev.strata.application.identity.port.CreateTenantUseCase.TenantCreated;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fast paths of job enqueues and completions ({@link JobEnqueueFastRoute}, {@link JobCompleteFastRoute}, not
 * the Redis claim path of {@link JobsFastPathIT}): instance {@code fast} has them (the default), instance
 * {@code plain} has them switched off, both on the same stores. Plain requests are answered on the fast path exactly
 * as Micronaut answers them (status, body, headers, timer); the jobs are really enqueued and completed; everything
 * else still gets Micronaut's answer; failures after the start (unknown jobs, other tenants' jobs, jobs not held)
 * are answered as Micronaut's error handling answers them.
 */
class JobsHttpFastPathIT {
    private static final String ENQUEUE = "/v1/queues/{q}/jobs";
    private static final String COMPLETE = "/v1/jobs/{id}/complete";
    /** The {@code uri} tag Micronaut's server metrics give every 404. */
    private static final String NOT_FOUND = "NOT_FOUND";
    private static StrataInstance fast;
    private static StrataInstance plain;

    @BeforeAll
    static void start() {
        fast = StrataInstance.start();
        plain = StrataInstance.start(Map.of(JobEnqueueFastRoute.ENABLED, false));
    }

    @AfterAll
    static void stop() {
        fast.close();
        plain.close();
    }

    private static long enqueuedFast() {
        return fast.context.getBean(JobEnqueueFastRoute.class).answered();
    }

    private static long completedFast() {
        return fast.context.getBean(JobCompleteFastRoute.class).answered();
    }

    private static String queue() {
        return "q-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A token of a fresh tenant narrowed to {@code scope} (all when null), known to both instances' memory. */
    private static String warmToken(TenantCreated tenant, String scope) {
        String token = Tenants.adminToken(fast, tenant, scope);
        for (StrataInstance instance : List.of(fast, plain)) {
            StrataInstance.Response warm = scope != null && !scope.contains("jobs:enqueue")
                    ? instance.postJson("/v1/queues/warm/claim", token, "{\"worker\":\"warm\"}")
                    : instance.get("/v1/queues/warm", token);
            assertEquals(200, warm.status(), warm.body());
        }
        return token;
    }

    private static String warmToken(String scope) {
        return warmToken(Tenants.create(fast), scope);
    }

    private static StrataInstance.Response enqueue(StrataInstance instance, String token, String queue, String body,
                                                   String... headers) {
        return instance.postJson("/v1/queues/" + queue + "/jobs", token, body, headers);
    }

    private static StrataInstance.Response complete(StrataInstance instance, String token, String id, String body) {
        return instance.postJson("/v1/jobs/" + id + "/complete", token, body);
    }

    /** Claims the job the queue holds for {@code worker}, asserting it is the one expected. */
    private static void claim(StrataInstance instance, String token, String queue, String id, String worker) {
        StrataInstance.Response claimed = instance.postJson("/v1/queues/" + queue + "/claim", token,
                "{\"worker\":\"" + worker + "\",\"count\":1,\"waitMs\":2000}");
        assertEquals(200, claimed.status(), claimed.body());
        assertTrue(claimed.body().contains("\"id\":\"" + id + "\""), "claimable: " + claimed.body());
    }

    /** A body with its ids, instants and queue names made alike, for comparing the answers of two jobs. */
    private static String shape(String body) {
        return body.replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<id>")
                .replaceAll("\"\\d{4}-\\d\\d-\\d\\dT[^\"]+\"", "\"<instant>\"")
                .replaceAll("\"q-[0-9a-f]{8}\"", "\"<queue>\"");
    }

    @Test
    void plainEnqueuesAndCompletionsAreAnsweredExactlyAsMicronautAnswersThem() {
        assertTrue(plain.context.findBean(JobEnqueueFastRoute.class).isEmpty(), "switched off on plain");
        assertTrue(plain.context.findBean(JobCompleteFastRoute.class).isEmpty(), "one switch for both");
        String token = warmToken(null);
        String body = "{ \"type\" : \"email.send\", \"payload\": {\"to\": \"a@b.c\", \"n\": 1.50, \"s\": \"Grüße ☕\"},"
                + " \"priority\": 5, \"maxAttempts\": 4, \"backoff\": {\"type\": \"fixed\", \"baseSeconds\": 2}}";
        double enqueueTimed = timed(fast, ENQUEUE, "201", "none");
        double completeTimed = timed(fast, COMPLETE, "200", "none");
        long enqueued = enqueuedFast();
        long completed = completedFast();

        Map<StrataInstance, String> queues = Map.of(fast, queue(), plain, queue());
        List<StrataInstance.Response> created = new ArrayList<>();
        List<StrataInstance.Response> done = new ArrayList<>();
        for (StrataInstance instance : List.of(fast, plain)) {
            created.add(enqueue(instance, token, queues.get(instance), body, "X-Request-Id", "enq-" + queues.get(instance)));
        }
        assertEquals(enqueued + 1, enqueuedFast(), "the enqueue on fast answered on the fast path");
        StrataInstance.Response onFast = created.get(0);
        StrataInstance.Response onPlain = created.get(1);
        assertEquals(201, onFast.status(), onFast.body());
        assertEquals(201, onPlain.status(), onPlain.body());
        assertEquals(shape(onPlain.body()), shape(onFast.body()));
        assertEquals("{\"id\":\"<id>\",\"state\":\"waiting\",\"created\":true}", shape(onFast.body()));
        assertEquals(comparable(onPlain), comparable(onFast), "the same headers as Micronaut's 201");
        assertEquals("enq-" + queues.get(fast), onFast.header("X-Request-Id"));
        assertTrue(onFast.header("Date").endsWith(" GMT"), onFast.header("Date"));

        // both jobs are really enqueued: claimable (on the other instance), then completed on each
        for (int i = 0; i < 2; i++) {
            StrataInstance instance = i == 0 ? fast : plain;
            String id = created.get(i).json("id");
            claim(i == 0 ? plain : fast, token, queues.get(instance), id, "w-1");
            done.add(complete(instance, token, id, "{\"worker\":\"w-1\",\"result\":{\"sent\":true,\"at\":[1,2.5]}}"));
        }
        assertEquals(completed + 1, completedFast(), "the completion on fast answered on the fast path");
        assertEquals(200, done.get(0).status(), done.get(0).body());
        assertEquals(200, done.get(1).status(), done.get(1).body());
        assertEquals(shape(done.get(1).body()), shape(done.get(0).body()), "the job as Micronaut writes it");
        assertTrue(done.get(0).body().contains("\"result\":{\"sent\":true,\"at\":[1,2.5]}"), done.get(0).body());
        assertEquals(comparable(done.get(1)), comparable(done.get(0)), "the same headers as Micronaut's 200");
        for (int i = 0; i < 2; i++) {
            String id = created.get(i).json("id");
            for (StrataInstance instance : List.of(fast, plain)) {
                StrataInstance.Response read = instance.get("/v1/jobs/" + id, token);
                assertEquals("completed", read.json("state"), read.body());
            }
        }
        assertEquals(shape(plain.get("/v1/jobs/" + created.get(1).json("id"), token).body()),
                shape(plain.get("/v1/jobs/" + created.get(0).json("id"), token).body()), "the same job stored");
        assertEquals(enqueueTimed + 1, timed(fast, ENQUEUE, "201", "none"), "the enqueue timer counted");
        assertEquals(completeTimed + 1, timed(fast, COMPLETE, "200", "none"), "the completion timer counted");
        assertTrue(timed(plain, ENQUEUE, "201", "none") >= 1, "Micronaut's tags: the same");
        assertTrue(timed(plain, COMPLETE, "200", "none") >= 1, "Micronaut's tags: the same");
    }

    @Test
    void aDuplicateUniqueKeyAnswersTheFirstJobOnBoth() {
        String token = warmToken(null);
        String q = queue();
        long before = enqueuedFast();
        StrataInstance.Response first = enqueue(fast, token, q, "{\"type\":\"t\",\"payload\":1,\"uniqueKey\":\"u1\"}");
        StrataInstance.Response againFast = enqueue(fast, token, q, "{\"type\":\"t\",\"payload\":2,\"uniqueKey\":\"u1\"}");
        StrataInstance.Response againPlain = enqueue(plain, token, q, "{\"type\":\"t\",\"payload\":3,\"uniqueKey\":\"u1\"}");
        assertEquals(before + 2, enqueuedFast());
        assertEquals(201, first.status(), first.body());
        assertEquals(200, againFast.status(), againFast.body());
        assertEquals(200, againPlain.status(), againPlain.body());
        assertEquals(againPlain.body(), againFast.body());
        assertEquals(first.json("id"), againFast.json("id"));
        assertTrue(againFast.body().contains("\"created\":false"), againFast.body());
        assertEquals(comparable(againPlain), comparable(againFast));
    }

    @Test
    void declinedRequestsAreAnsweredByMicronautAlikeOnBoth() {
        TenantCreated tenant = Tenants.create(fast);
        String token = warmToken(tenant, null);
        String worker = warmToken(tenant, "jobs:work");
        String producer = warmToken(tenant, "jobs:enqueue");
        String q = queue();
        String id = enqueue(plain, token, q, "{\"type\":\"t\",\"payload\":{}}").json("id");
        claim(plain, token, q, id, "w-1");
        long enqueued = enqueuedFast();
        long completed = completedFast();
        Map<String, List<StrataInstance.Response>> answers = new TreeMap<>();
        for (StrataInstance instance : List.of(fast, plain)) {
            answers.computeIfAbsent("priority", k -> new ArrayList<>())
                    .add(enqueue(instance, token, q, "{\"type\":\"t\",\"payload\":{},\"priority\":10}"));
            answers.computeIfAbsent("priority as text", k -> new ArrayList<>())
                    .add(enqueue(instance, token, q, "{\"type\":\"t\",\"payload\":{},\"priority\":\"5\"}"));
            answers.computeIfAbsent("no type", k -> new ArrayList<>())
                    .add(enqueue(instance, token, q, "{\"payload\":{}}"));
            answers.computeIfAbsent("runAt", k -> new ArrayList<>())
                    .add(enqueue(instance, token, q, "{\"type\":\"t\",\"payload\":{},\"runAt\":\"tomorrow\"}"));
            answers.computeIfAbsent("enqueue scope", k -> new ArrayList<>())
                    .add(enqueue(instance, worker, q, "{\"type\":\"t\",\"payload\":{}}"));
            answers.computeIfAbsent("bad queue", k -> new ArrayList<>())
                    .add(enqueue(instance, token, "-q", "{\"type\":\"t\",\"payload\":{}}"));
            answers.computeIfAbsent("no token", k -> new ArrayList<>())
                    .add(enqueue(instance, null, q, "{\"type\":\"t\",\"payload\":{}}"));
            answers.computeIfAbsent("no worker", k -> new ArrayList<>()).add(complete(instance, token, id, "{}"));
            answers.computeIfAbsent("blank worker", k -> new ArrayList<>())
                    .add(complete(instance, token, id, "{\"worker\":\" \"}"));
            answers.computeIfAbsent("complete scope", k -> new ArrayList<>())
                    .add(complete(instance, producer, id, "{\"worker\":\"w-1\"}"));
            answers.computeIfAbsent("malformed id", k -> new ArrayList<>())
                    .add(complete(instance, token, "not-a-job", "{\"worker\":\"w-1\"}"));
        }
        answers.forEach((name, pair) -> {
            StrataInstance.Response onFast = pair.get(0);
            StrataInstance.Response onPlain = pair.get(1);
            assertTrue(onFast.status() >= 400, name + ": " + onFast.status());
            assertProblem(onPlain.status(), onFast);
            assertEquals(onPlain.body(), onFast.body(), name);
            assertEquals(comparable(onPlain), comparable(onFast), name);
        });
        assertEquals(400, answers.get("priority").get(0).status());
        assertTrue(answers.get("priority").get(0).body().contains("\"field\":\"priority\""), answers.get("priority").get(0).body());
        assertEquals(400, answers.get("no worker").get(0).status());
        assertTrue(answers.get("no worker").get(0).body().contains("\"field\":\"worker\""), answers.get("no worker").get(0).body());
        assertEquals(403, answers.get("enqueue scope").get(0).status());
        assertEquals(403, answers.get("complete scope").get(0).status());
        assertEquals(404, answers.get("malformed id").get(0).status());

        // an idempotency key: Micronaut's, on both, the repeat answering the first job
        for (StrataInstance instance : List.of(fast, plain)) {
            String key = "k-" + queue();
            StrataInstance.Response first = enqueue(instance, token, q, "{\"type\":\"t\",\"payload\":1}", "Idempotency-Key", key);
            StrataInstance.Response again = enqueue(instance, token, q, "{\"type\":\"t\",\"payload\":2}", "Idempotency-Key", key);
            assertEquals(201, first.status(), first.body());
            assertEquals(200, again.status(), again.body());
            assertEquals(first.json("id"), again.json("id"));
        }
        assertEquals(enqueued, enqueuedFast(), "no enqueue above on the fast path");
        assertEquals(completed, completedFast(), "no completion above on the fast path");
        // the claimed job is untouched by all of it
        assertEquals(200, complete(fast, token, id, "{\"worker\":\"w-1\"}").status());
    }

    @Test
    void failuresAfterTheStartAreAnsweredAsMicronautWould() {
        String one = warmToken(null);
        String two = warmToken(null);
        String q = queue();
        String ofOne = enqueue(fast, one, q, "{\"type\":\"t\",\"payload\":1}").json("id");
        String ofTwo = enqueue(fast, two, q, "{\"type\":\"t\",\"payload\":2}").json("id");
        claim(plain, one, q, ofOne, "w-1");
        claim(plain, two, q, ofTwo, "w-1");
        double notFoundTimed = timed(fast, NOT_FOUND, "404", "NotFoundException");
        double conflictTimed = timed(fast, COMPLETE, "409", "ConflictException");
        long before = completedFast();

        // another tenant's job, both ways, and a job that does not exist: 404 on both
        List<String[]> notFound = List.of(new String[] {two, ofOne}, new String[] {one, ofTwo},
                new String[] {one, UUID.randomUUID().toString()});
        for (String[] attempt : notFound) {
            StrataInstance.Response onFast = complete(fast, attempt[0], attempt[1], "{\"worker\":\"w-1\"}");
            StrataInstance.Response onPlain = complete(plain, attempt[0], attempt[1], "{\"worker\":\"w-1\"}");
            assertProblem(404, onFast);
            assertEquals(onPlain.status(), onFast.status());
            assertEquals(onPlain.body(), onFast.body());
            assertEquals(comparable(onPlain), comparable(onFast));
        }
        assertEquals(before + 3, completedFast(), "the refusals answered on the fast path");
        assertEquals(notFoundTimed + 3, timed(fast, NOT_FOUND, "404", "NotFoundException"),
                "Micronaut's tags: a 404's uri is NOT_FOUND");
        assertTrue(timed(plain, NOT_FOUND, "404", "NotFoundException") >= 3, "Micronaut's own");

        // each tenant's job is untouched: completed by its owner; twice is the controller's conflict on both
        for (String[] owned : List.of(new String[] {one, ofOne}, new String[] {two, ofTwo})) {
            StrataInstance.Response done = complete(fast, owned[0], owned[1], "{\"worker\":\"w-1\",\"result\":\"ok\"}");
            assertEquals(200, done.status(), done.body());
            assertTrue(done.body().contains("\"state\":\"completed\""), done.body());
            StrataInstance.Response againFast = complete(fast, owned[0], owned[1], "{\"worker\":\"w-1\"}");
            StrataInstance.Response againPlain = complete(plain, owned[0], owned[1], "{\"worker\":\"w-1\"}");
            assertProblem(409, againFast);
            assertEquals(againPlain.status(), againFast.status());
            assertEquals(againPlain.body(), againFast.body());
            assertEquals(comparable(againPlain), comparable(againFast));
            assertEquals("completed", plain.get("/v1/jobs/" + owned[1], owned[0]).json("state"));
        }
        assertEquals(before + 7, completedFast());
        assertEquals(conflictTimed + 2, timed(fast, COMPLETE, "409", "ConflictException"), "Micronaut's tags");
        assertTrue(timed(plain, COMPLETE, "409", "ConflictException") >= 2, "Micronaut's own");
        StrataInstance.Response none = fast.postJson("/v1/queues/" + q + "/claim", one, "{\"worker\":\"w-1\"}");
        assertNotNull(none.body());
        assertFalse(none.body().contains(ofOne), "completed once, never claimed again: " + none.body());
    }
}

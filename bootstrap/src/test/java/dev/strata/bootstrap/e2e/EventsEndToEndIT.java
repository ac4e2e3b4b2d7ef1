package dev.strata.bootstrap.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.application.identity.port.CreateTenantUseCase.TenantCreated;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The events area end to end over HTTP on two instances: publish and history, idempotency, consumer groups
 * with visibility timeout, dead letters and replay, SSE with Last-Event-ID resume and heartbeats, tenant
 * isolation and bad input.
 */
class EventsEndToEndIT {
    private static final Map<String, Object> FAST = Map.of("strata.events.visibility-timeout", "300ms",
            "strata.events.heartbeat", "300ms", "strata.events.relay-interval", "50ms");
    private static StrataInstance a;
    private static StrataInstance b;
    private static String token;
    private static String otherToken;

    @BeforeAll
    static void start() {
        a = StrataInstance.start(FAST);
        b = StrataInstance.start(FAST);
        TenantCreated tenant = Tenants.create(a);
        token = Tenants.adminToken(a, tenant);
        TenantCreated other = Tenants.create(a);
        otherToken = Tenants.adminToken(a, other);
    }

    @AfterAll
    static void stop() {
        a.close();
        b.close();
    }

    private static String topic() {
        return "t-" + Long.toString(System.nanoTime(), 36);
    }

    @Test
    void publishesWithGapFreeSequencesAndReadsHistoryFromEitherInstance() throws Exception {
        String topic = topic();
        StrataInstance.Response first = a.postJson("/v1/topics/" + topic + "/events", token,
                "{\"type\":\"order.created\",\"subject\":\"orders/1\",\"data\":{\"n\":1,\"s\":\"Grüße\"}}");
        assertEquals(201, first.status(), first.body());
        assertNotNull(first.json("id"));
        assertEquals(List.of(1L), EventsClient.sequenceOf(first.body()));
        for (int i = 2; i <= 5; i++) {
            assertEquals(i, EventsClient.publish(i % 2 == 0 ? b : a, token, topic, "{\"n\":" + i + "}"));
        }
        StrataInstance.Response history = b.get("/v1/topics/" + topic + "/events?after=1&limit=3", token);
        assertEquals(200, history.status(), history.body());
        assertEquals(List.of(2L, 3L, 4L), EventsClient.sequenceOf(history.body()));
        assertTrue(history.body().contains("\"nextCursor\":\"4\""), history.body());
        StrataInstance.Response all = a.get("/v1/topics/" + topic + "/events", token);
        assertTrue(all.body().contains("\"specversion\":\"1.0\""));
        assertTrue(all.body().contains("\"datacontenttype\":\"application/json\""));
        assertTrue(all.body().contains("\"data\":{\"n\":1,\"s\":\"Grüße\"}"), all.body());
        assertTrue(all.body().contains("\"subject\":\"orders/1\""));
        assertEquals(0, EventsClient.sequenceOf(otherOf(topic)).size(), "another tenant sees nothing");
    }

    private static String otherOf(String topic) {
        StrataInstance.Response response = a.get("/v1/topics/" + topic + "/events", otherToken);
        assertEquals(200, response.status());
        return response.body();
    }

    @Test
    void anIdempotencyKeyReturnsTheFirstEvent() {
        String topic = topic();
        HttpRequest.Builder request = a.builder("/v1/topics/" + topic + "/events", token)
                .header("Content-Type", "application/json").header("Idempotency-Key", "k-1")
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"x\",\"data\":1}"));
        StrataInstance.Response first = a.send(request);
        StrataInstance.Response again = b.send(b.builder("/v1/topics/" + topic + "/events", token)
                .header("Content-Type", "application/json").header("Idempotency-Key", "k-1")
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"x\",\"data\":2}")));
        assertEquals(201, first.status());
        assertEquals(200, again.status(), again.body());
        assertEquals(first.json("id"), again.json("id"));
        assertEquals(1, EventsClient.sequenceOf(a.get("/v1/topics/" + topic + "/events", token).body()).size());
    }

    @Test
    void aGroupDeliversOnceAcksAndRedeliversAfterTheVisibilityTimeout() throws Exception {
        String topic = topic();
        EventsClient.publish(a, token, topic, "{\"before\":true}");
        assertEquals(201, a.send(a.builder("/v1/topics/" + topic + "/groups/workers", token)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"startAt\":\"latest\"}"))).status());
        assertEquals(200, b.send(b.builder("/v1/topics/" + topic + "/groups/workers", token)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"startAt\":\"latest\"}"))).status(), "the same PUT again");
        assertEquals(409, b.send(b.builder("/v1/topics/" + topic + "/groups/workers", token)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"startAt\":\"earliest\"}"))).status());
        EventsClient.publish(a, token, topic, "{\"n\":2}");
        EventsClient.publish(b, token, topic, "{\"n\":3}");

        StrataInstance.Response read = a.postJson("/v1/topics/" + topic + "/groups/workers/read", token,
                "{\"consumer\":\"c1\",\"count\":10,\"blockMs\":5000}");
        assertEquals(200, read.status(), read.body());
        List<Long> got = new ArrayList<>(EventsClient.sequenceOf(read.body()));
        if (got.size() < 2) {
            got.addAll(EventsClient.sequenceOf(a.postJson("/v1/topics/" + topic + "/groups/workers/read", token,
                    "{\"consumer\":\"c1\",\"count\":10,\"blockMs\":5000}").body()));
        }
        assertEquals(List.of(2L, 3L), got, "starts after the latest event at creation");
        String id2 = idOf(a, topic, 2);
        assertEquals("{\"acked\":1}", b.postJson("/v1/topics/" + topic + "/groups/workers/ack", token,
                "{\"ids\":[\"" + id2 + "\"]}").body());
        Thread.sleep(400);
        StrataInstance.Response again = b.postJson("/v1/topics/" + topic + "/groups/workers/read", token,
                "{\"consumer\":\"c2\",\"count\":10}");
        assertEquals(List.of(3L), EventsClient.sequenceOf(again.body()), "the unacknowledged one goes to the next reader");
        assertTrue(again.body().contains("\"deliverycount\":2"), again.body());
        StrataInstance.Response stats = a.get("/v1/topics/" + topic + "/groups/workers", token);
        assertEquals(200, stats.status(), stats.body());
        assertTrue(stats.body().contains("\"pending\":1"), stats.body());
        assertTrue(stats.body().contains("\"consumers\":2"), stats.body());
        assertTrue(stats.body().contains("\"lag\":0"), stats.body());
        assertTrue(stats.body().contains("\"deadLetters\":0"), stats.body());
    }

    private static String idOf(StrataInstance instance, String topic, long sequence) {
        StrataInstance.Response history = instance.get("/v1/topics/" + topic + "/events?after=" + (sequence - 1) + "&limit=1", token);
        return history.json("id");
    }

    @Test
    void aPoisonEventGoesToTheDeadLettersAndReplaysFromThere() throws Exception {
        String topic = topic();
        assertEquals(201, a.send(a.builder("/v1/topics/" + topic + "/groups/g1", token)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"startAt\":\"earliest\"}"))).status());
        EventsClient.publish(a, token, topic, "{\"poison\":true}");
        String id = null;
        for (int delivery = 1; delivery <= 5; delivery++) {
            StrataInstance.Response read = (delivery % 2 == 0 ? b : a).postJson("/v1/topics/" + topic + "/groups/g1/read",
                    token, "{\"consumer\":\"worker-" + delivery + "\",\"blockMs\":5000}");
            assertEquals(List.of(1L), EventsClient.sequenceOf(read.body()), "delivery " + delivery + ": " + read.body());
            assertTrue(read.body().contains("\"deliverycount\":" + delivery), read.body());
            id = read.json("id");
            Thread.sleep(400);
        }
        StrataInstance.Response sixth = a.postJson("/v1/topics/" + topic + "/groups/g1/read", token, "{\"consumer\":\"w\"}");
        assertEquals(List.of(), EventsClient.sequenceOf(sixth.body()), "dead-lettered, not delivered: " + sixth.body());
        StrataInstance.Response dead = b.get("/v1/topics/" + topic + "/groups/g1/dead-letters", token);
        assertEquals(200, dead.status(), dead.body());
        assertTrue(dead.body().contains(id), dead.body());
        assertTrue(dead.body().contains("\"deliveries\":5"), dead.body());
        assertTrue(a.get("/v1/topics/" + topic + "/groups/g1", token).body().contains("\"deadLetters\":1"));

        assertEquals(204, b.postJson("/v1/topics/" + topic + "/groups/g1/dead-letters/" + id + "/replay", token, "").status());
        StrataInstance.Response replayed = a.postJson("/v1/topics/" + topic + "/groups/g1/read", token,
                "{\"consumer\":\"fixed\",\"blockMs\":2000}");
        assertEquals(List.of(1L), EventsClient.sequenceOf(replayed.body()), replayed.body());
        assertTrue(replayed.body().contains("\"deliverycount\":1"), replayed.body());
        assertEquals(200, a.postJson("/v1/topics/" + topic + "/groups/g1/ack", token, "{\"ids\":[\"" + id + "\"]}").status());
        assertTrue(a.get("/v1/topics/" + topic + "/groups/g1/dead-letters", token).body().contains("\"items\":[]"));
        assertEquals(404, a.postJson("/v1/topics/" + topic + "/groups/g1/dead-letters/" + id + "/replay", token, "").status());
    }

    @Test
    void sseResumesWithLastEventIdWithoutGapOrRepeatAndSendsHeartbeats() throws Exception {
        String topic = topic();
        for (int i = 1; i <= 3; i++) {
            EventsClient.publish(a, token, topic, "{\"n\":" + i + "}");
        }
        List<Long> seen = new ArrayList<>();
        try (EventsClient.Sse sse = new EventsClient.Sse(a, token, topic, "0")) {
            assertEquals(200, sse.status);
            for (int i = 4; i <= 6; i++) {
                EventsClient.publish(i % 2 == 0 ? b : a, token, topic, "{\"n\":" + i + "}");
            }
            for (int i = 0; i < 6; i++) {
                EventsClient.Frame frame = sse.nextEvent(10_000);
                assertNotNull(frame, "event " + (i + 1));
                assertEquals(Long.parseLong(frame.id()), EventsClient.sequenceOf(frame.data()).get(0));
                seen.add(Long.parseLong(frame.id()));
            }
            Thread.sleep(700);
            assertTrue(sse.frames.stream().anyMatch(f -> f.id() == null && f.comment() != null), "heartbeat comments");
        }
        // published while disconnected
        for (int i = 7; i <= 9; i++) {
            EventsClient.publish(b, token, topic, "{\"n\":" + i + "}");
        }
        try (EventsClient.Sse resumed = new EventsClient.Sse(b, token, topic, "6")) {
            EventsClient.publish(a, token, topic, "{\"n\":10}");
            for (int i = 0; i < 4; i++) {
                EventsClient.Frame frame = resumed.nextEvent(10_000);
                assertNotNull(frame);
                seen.add(Long.parseLong(frame.id()));
            }
            assertNull(resumed.nextEvent(500), "nothing repeated");
        }
        assertEquals(LongStream.rangeClosed(1, 10).boxed().toList(), seen);
    }

    @Test
    void sseOfOneTenantNeverCarriesAnothersEvents() throws Exception {
        String topic = topic();
        try (EventsClient.Sse mine = new EventsClient.Sse(a, token, topic, null);
             EventsClient.Sse theirs = new EventsClient.Sse(b, otherToken, topic, null)) {
            Thread.sleep(300);
            EventsClient.publish(a, token, topic, "{\"secret\":\"mine\"}");
            EventsClient.publish(b, otherToken, topic, "{\"secret\":\"theirs\"}");
            EventsClient.Frame mineFrame = mine.nextEvent(10_000);
            EventsClient.Frame theirFrame = theirs.nextEvent(10_000);
            assertTrue(mineFrame.data().contains("mine"));
            assertTrue(theirFrame.data().contains("theirs"));
            assertNull(mine.nextEvent(700));
            assertNull(theirs.nextEvent(100));
        }
    }

    @Test
    void restrictedTopicsNeedAdmin() {
        TenantCreated tenant = Tenants.create(a);
        String narrow = Tenants.adminToken(a, tenant, "events:publish events:consume");
        assertEquals(404, a.get("/v1/topics/auth-notifications/events", narrow).status());
        assertEquals(200, a.get("/v1/topics/auth-notifications/events", token).status());
        assertEquals(403, a.get("/v1/topics/x/events", Tenants.adminToken(a, tenant, "cache:read")).status());
        // the topics Strata's areas write take no publish from anyone, admin included
        for (String written : new String[] {"secrets", "jobs.mail", "conversations", "auth-notifications"}) {
            StrataInstance.Response refused = a.postJson("/v1/topics/" + written + "/events", token,
                    "{\"type\":\"secret.rotated\",\"data\":{\"name\":\"db\"}}");
            assertEquals(400, refused.status(), written);
            assertTrue(refused.body().contains("topic"), refused.body());
        }
    }

    @Test
    void badInputIs4xx() throws Exception {
        String topic = topic();
        assertEquals(400, a.postJson("/v1/topics/Bad%20Name/events", token, "{\"type\":\"x\",\"data\":1}").status());
        assertEquals(400, a.get("/v1/topics/-nope/events", token).status());
        assertEquals(400, a.postJson("/v1/topics/" + topic + "/events", token, "{\"type\":\"x\",\"data\":").status());
        assertEquals(400, a.postJson("/v1/topics/" + topic + "/events", token, "{\"type\":\"x\"}").status(), "no data");
        assertEquals(400, a.postJson("/v1/topics/" + topic + "/events", token, "{\"type\":\"bad type\",\"data\":1}").status());
        assertEquals(415, a.send(a.builder("/v1/topics/" + topic + "/events", token).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("hello"))).status());
        assertEquals(413, a.postJson("/v1/topics/" + topic + "/events", token,
                "{\"type\":\"x\",\"data\":\"" + "x".repeat(1_100_000) + "\"}").status());
        assertEquals(400, a.get("/v1/topics/" + topic + "/events?after=-1", token).status());
        assertEquals(400, a.get("/v1/topics/" + topic + "/events?limit=501", token).status());
        assertEquals(400, a.get("/v1/topics/" + topic + "/events?after=abc", token).status());
        try (EventsClient.Sse bad = new EventsClient.Sse(a, token, topic, "not-a-number")) {
            assertEquals(400, bad.status);
        }
        assertEquals(400, a.send(a.builder("/v1/topics/" + topic + "/groups/Bad!", token)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"startAt\":\"latest\"}"))).status());
        assertEquals(400, a.send(a.builder("/v1/topics/" + topic + "/groups/ok", token)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"startAt\":\"middle\"}"))).status());
        assertEquals(404, a.postJson("/v1/topics/" + topic + "/groups/missing/read", token, "{\"consumer\":\"c\"}").status());
        assertEquals(404, a.get("/v1/topics/" + topic + "/groups/missing", token).status());
        a.send(a.builder("/v1/topics/" + topic + "/groups/ok", token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{}")));
        assertEquals(400, a.postJson("/v1/topics/" + topic + "/groups/ok/read", token, "{\"consumer\":\"c\",\"count\":0}").status());
        assertEquals(400, a.postJson("/v1/topics/" + topic + "/groups/ok/read", token, "{\"consumer\":\"bad consumer\"}").status());
        assertEquals(400, a.postJson("/v1/topics/" + topic + "/groups/ok/read", token, "{\"consumer\":\"c\",\"blockMs\":99999}").status());
        assertEquals(400, a.postJson("/v1/topics/" + topic + "/groups/ok/ack", token, "{\"ids\":[]}").status());
        assertEquals(400, a.postJson("/v1/topics/" + topic + "/groups/ok/ack", token, "{\"ids\":\"x\"}").status());
        assertEquals(400, a.get("/v1/topics/" + topic + "/groups/ok/dead-letters?cursor=%25%25", token).status());
    }
}

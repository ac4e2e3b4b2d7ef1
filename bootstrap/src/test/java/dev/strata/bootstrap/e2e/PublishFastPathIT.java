package dev.strata.bootstrap.e2e;

import static dev.strata.bootstrap.e2e.CacheEndToEndIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.strata.adapters.http.events.PublishFastPath;
import dev.strata.adapters.http.observability.AccessLogFilter;
import dev.strata.application.identity.port.CreateTenantUseCase.TenantCreated;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The fast path for publishes ({@link PublishFastPath}): instance {@code fast} has it (the default), instance
 * {@code plain} has it switched off, both on the same stores. A plain authorised publish is answered by the fast
 * path exactly as Micronaut answers it (status, body, headers, metrics, access log), committed gap-free with the
 * other instance's, readable from history and live over SSE; bad bodies, missing scopes, restricted topics and
 * idempotency keys still get Micronaut's answers; a failure after the publish started (a topic quota) is answered
 * as Micronaut's error handling answers it.
 */
class PublishFastPathIT {
    private static final Pattern BODY = Pattern.compile("\\{\"id\":\"[0-9a-f-]{36}\",\"sequence\":(\\d+)}");
    private static final String ROUTE = "/v1/topics/{topic}/events";
    private static final int TOPIC_QUOTA = 3;
    private static StrataInstance fast;
    private static StrataInstance plain;
    private static JsonMapper json;

    @BeforeAll
    static void start() {
        Map<String, Object> quotas = Map.of("strata.quotas.topics", TOPIC_QUOTA, "strata.events.relay-interval", "50ms",
                "strata.events.heartbeat", "300ms");
        fast = StrataInstance.start(quotas);
        Map<String, Object> off = new java.util.HashMap<>(quotas);
        off.put(PublishFastPath.ENABLED, false);
        plain = StrataInstance.start(off);
        json = fast.context.getBean(JsonMapper.class);
    }

    @AfterAll
    static void stop() {
        fast.close();
        plain.close();
    }

    private static long answered() {
        return fast.context.getBean(PublishFastPath.class).answered();
    }

    private static String topic() {
        return "t-" + Long.toString(System.nanoTime(), 36);
    }

    /** A fresh tenant's admin token, known to both instances' memory (one request through each). */
    private static String warmToken(String scope) {
        TenantCreated tenant = Tenants.create(fast);
        String token = Tenants.adminToken(fast, tenant, scope);
        for (StrataInstance instance : List.of(fast, plain)) {
            assertEquals(200, instance.get("/v1/topics/warm/events", token).status());
        }
        return token;
    }

    private static StrataInstance.Response publish(StrataInstance instance, String token, String topic, String body,
                                                   String... headers) {
        return instance.postJson("/v1/topics/" + topic + "/events", token, body, headers);
    }

    /** Headers by lower-case name, without Date and X-Request-Id. */
    static Map<String, String> comparable(StrataInstance.Response response) {
        Map<String, String> headers = new TreeMap<>();
        response.headers().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!lower.equals("date") && !lower.equals("x-request-id")) {
                headers.put(lower, String.join(",", values));
            }
        });
        return headers;
    }

    private static long sequence(StrataInstance.Response response) {
        Matcher m = BODY.matcher(response.body());
        assertTrue(m.matches(), response.body());
        return Long.parseLong(m.group(1));
    }

    private static JsonNode history(StrataInstance instance, String token, String topic) throws IOException {
        StrataInstance.Response page = instance.get("/v1/topics/" + topic + "/events?limit=500", token);
        assertEquals(200, page.status(), page.body());
        return json.readValue(page.body(), Argument.of(JsonNode.class)).get("items");
    }

    private static List<Long> sequences(JsonNode items) {
        List<Long> sequences = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            sequences.add(items.get(i).get("sequence").getLongValue());
        }
        return sequences;
    }

    private static String text(JsonNode node) throws IOException {
        return json.writeValueAsString(node);
    }

    @Test
    void aPlainPublishIsAnsweredExactlyAsMicronautAnswersIt() throws IOException {
        assertTrue(plain.context.findBean(PublishFastPath.class).isEmpty(), "switched off on plain");
        String token = warmToken(null);
        String topic = topic();
        String body = "{ \"type\" : \"order.created\", \"subject\":\"orders/1\", "
                + "\"data\": {\"n\": 1.50, \"big\": 12345678901234, \"e\": 1e3, \"s\": \"Grüße ☕\", \"a\": [true, null, {}]} }";
        long before = answered();
        StrataInstance.Response onFast = publish(fast, token, topic, body, "X-Request-Id", "pub-fast-1");
        assertEquals(before + 1, answered(), "answered on the fast path");
        StrataInstance.Response onPlain = publish(plain, token, topic, body, "X-Request-Id", "pub-plain-1");
        assertEquals(before + 1, answered());

        assertEquals(201, onFast.status(), onFast.body());
        assertEquals(201, onPlain.status(), onPlain.body());
        assertEquals(List.of(1L, 2L), List.of(sequence(onFast), sequence(onPlain)));
        assertEquals(comparable(onPlain), comparable(onFast), "the same headers as Micronaut's 201");
        assertEquals("pub-fast-1", onFast.header("X-Request-Id"));
        assertTrue(onFast.header("Date").endsWith(" GMT"), onFast.header("Date"));
        assertEquals(null, onFast.header("Location"), "the controller sets none either");

        JsonNode items = history(plain, token, topic);
        assertEquals(List.of(1L, 2L), sequences(items));
        JsonNode first = items.get(0);
        JsonNode second = items.get(1);
        assertEquals(onFast.json("id"), first.get("id").getStringValue());
        for (String field : List.of("type", "subject", "source", "datacontenttype", "data")) {
            assertEquals(text(second.get(field)), text(first.get(field)), field + " as Micronaut's binding stores it");
        }
        assertEquals("\"Grüße ☕\"", text(first.get("data").get("s")));
    }

    @Test
    void publishesOnTheFastPathAreCommittedGapFreeAndDeliveredLive() throws Exception {
        String token = warmToken(null);
        String topic = topic();
        // the topic is registered (its first publish), then two live feeds: one local, one through the relay
        assertEquals(1, sequence(publish(fast, token, topic, "{\"type\":\"t\",\"data\":0}")));
        try (EventsClient.Sse local = new EventsClient.Sse(fast, token, topic, "1");
             EventsClient.Sse relayed = new EventsClient.Sse(plain, token, topic, "1")) {
            assertEquals(200, local.status);
            assertEquals(200, relayed.status);
            long before = answered();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<StrataInstance.Response>> answers = new ArrayList<>();
            try {
                for (int i = 1; i <= 30; i++) {
                    String body = "{\"type\":\"t\",\"data\":{\"i\":" + i + "}}";
                    answers.add(pool.submit(() -> publish(fast, token, topic, body)));
                }
                List<Long> answeredSequences = new ArrayList<>();
                for (Future<StrataInstance.Response> answer : answers) {
                    StrataInstance.Response response = answer.get();
                    assertEquals(201, response.status(), response.body());
                    answeredSequences.add(sequence(response));
                }
                answeredSequences.sort(null);
                assertEquals(LongStream.rangeClosed(2, 31).boxed().toList(), answeredSequences, "each once, no gap");
            } finally {
                pool.shutdownNow();
            }
            assertEquals(before + 30, answered(), "all on the fast path");
            assertEquals(LongStream.rangeClosed(1, 31).boxed().toList(), sequences(history(plain, token, topic)));
            for (EventsClient.Sse sse : List.of(local, relayed)) {
                for (long expected = 2; expected <= 31; expected++) {
                    EventsClient.Frame frame = sse.nextEvent(15_000);
                    assertNotNull(frame, "event " + expected + " delivered live");
                    assertEquals(Long.toString(expected), frame.id());
                }
            }
        }
    }

    @Test
    void declinedRequestsAreAnsweredByMicronautAlikeOnBoth() {
        String token = warmToken(null);
        String publisher = warmToken("events:publish events:consume");
        String consumer = warmToken("events:consume");
        String topic = topic();
        long before = answered();
        Map<String, List<StrataInstance.Response>> problems = new TreeMap<>();
        for (StrataInstance instance : List.of(fast, plain)) {
            StrataInstance.Response blankType = publish(instance, token, topic, "{\"type\":\"\",\"data\":1}");
            assertProblem(400, blankType);
            assertTrue(blankType.body().contains("\"field\":\"type\""), blankType.body());
            problems.computeIfAbsent("blank type", k -> new ArrayList<>()).add(blankType);
            problems.computeIfAbsent("no data", k -> new ArrayList<>()).add(publish(instance, token, topic, "{\"type\":\"t\"}"));
            // an unknown field: Micronaut's reading ignores it and publishes; the fast path leaves that to Micronaut
            StrataInstance.Response unknownField = publish(instance, token, topic, "{\"type\":\"t\",\"data\":1,\"typo\":2}");
            assertEquals(201, unknownField.status(), unknownField.body());
            problems.computeIfAbsent("not json", k -> new ArrayList<>()).add(publish(instance, token, topic, "{\"type\":"));
            problems.computeIfAbsent("scope", k -> new ArrayList<>())
                    .add(publish(instance, consumer, topic, "{\"type\":\"t\",\"data\":1}"));
            problems.computeIfAbsent("restricted", k -> new ArrayList<>())
                    .add(publish(instance, publisher, "ops.alerts", "{\"type\":\"t\",\"data\":1}"));
            problems.computeIfAbsent("strata's", k -> new ArrayList<>())
                    .add(publish(instance, token, "secrets", "{\"type\":\"t\",\"data\":1}"));
            problems.computeIfAbsent("jobs", k -> new ArrayList<>())
                    .add(publish(instance, token, "jobs.q", "{\"type\":\"t\",\"data\":1}"));
            problems.computeIfAbsent("no token", k -> new ArrayList<>())
                    .add(publish(instance, null, topic, "{\"type\":\"t\",\"data\":1}"));
        }
        problems.forEach((name, answers) -> {
            StrataInstance.Response onFast = answers.get(0);
            StrataInstance.Response onPlain = answers.get(1);
            assertTrue(onFast.status() >= 400, name + ": " + onFast.status());
            assertProblem(onPlain.status(), onFast);
            assertEquals(onPlain.body(), onFast.body(), name);
            assertEquals(comparable(onPlain), comparable(onFast), name);
        });
        assertEquals(403, problems.get("scope").get(0).status());
        assertEquals(404, problems.get("restricted").get(0).status());
        assertEquals(400, problems.get("strata's").get(0).status());
        assertEquals(400, problems.get("jobs").get(0).status());
        // an idempotency key: Micronaut's, on both, the repeat answering the first event
        for (StrataInstance instance : List.of(fast, plain)) {
            String key = "k-" + topic() + (instance == fast ? "-fast" : "-plain");
            StrataInstance.Response first = publish(instance, token, topic, "{\"type\":\"t\",\"data\":1}", "Idempotency-Key", key);
            StrataInstance.Response again = publish(instance, token, topic, "{\"type\":\"t\",\"data\":2}", "Idempotency-Key", key);
            assertEquals(201, first.status(), first.body());
            assertEquals(200, again.status(), again.body());
            assertEquals(first.json("id"), again.json("id"));
        }
        assertEquals(before, answered(), "none of these on the fast path");
        // nothing above was published but the two with an unknown field and the two keyed events
        assertEquals(4, EventsClient.sequenceOf(fast.get("/v1/topics/" + topic + "/events", token).body()).size());
    }

    @Test
    void eachTenantPublishesIntoItsOwnTopic() throws IOException {
        String one = warmToken(null);
        String two = warmToken(null);
        String topic = topic();
        long before = answered();
        assertEquals(1, sequence(publish(fast, one, topic, "{\"type\":\"t\",\"data\":\"one\"}")));
        assertEquals(1, sequence(publish(fast, two, topic, "{\"type\":\"t\",\"data\":\"two\"}")));
        assertEquals(2, sequence(publish(fast, one, topic, "{\"type\":\"t\",\"data\":\"one\"}")));
        assertEquals(before + 3, answered());
        JsonNode ofOne = history(plain, one, topic);
        JsonNode ofTwo = history(plain, two, topic);
        assertEquals(List.of(1L, 2L), sequences(ofOne));
        assertEquals(List.of(1L), sequences(ofTwo));
        assertEquals("\"two\"", text(ofTwo.get(0).get("data")));
        assertEquals("\"one\"", text(ofOne.get(1).get("data")));
    }

    @Test
    void publishesAreTimedAndAFailureAfterTheStartIsAnsweredAsMicronautWould() {
        String token = warmToken(null);
        String topic = topic();
        double createdBefore = timed(fast, "201", "none");
        long before = answered();
        assertEquals(201, publish(fast, token, topic + "-1", "{\"type\":\"t\",\"data\":1}").status());
        assertEquals(201, publish(fast, token, topic + "-2", "{\"type\":\"t\",\"data\":1}").status());
        assertEquals(201, publish(plain, token, topic + "-3", "{\"type\":\"t\",\"data\":1}").status());
        assertEquals(before + 2, answered());
        assertEquals(createdBefore + 2, timed(fast, "201", "none"), "http_server_requests_seconds_count of the route, 201");

        // the tenant's fourth topic: refused by the quota once the publish started (its registration)
        Logger access = (Logger) LoggerFactory.getLogger(AccessLogFilter.LOGGER);
        ch.qos.logback.classic.Level level = access.getLevel();
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        access.addAppender(lines);
        access.setLevel(ch.qos.logback.classic.Level.INFO);
        StrataInstance.Response refusedFast;
        try {
            refusedFast = publish(fast, token, topic + "-4", "{\"type\":\"t\",\"data\":1}", "X-Request-Id", "quota-fast-1");
        } finally {
            access.setLevel(level);
            access.detachAppender(lines);
        }
        StrataInstance.Response refusedPlain = publish(plain, token, topic + "-4", "{\"type\":\"t\",\"data\":1}");
        assertEquals(before + 3, answered(), "the refusal answered on the fast path");
        assertProblem(429, refusedFast);
        assertEquals(refusedPlain.status(), refusedFast.status());
        assertEquals(refusedPlain.body(), refusedFast.body());
        assertTrue(refusedFast.body().contains("\"quota\":\"topics\""), refusedFast.body());
        assertEquals(comparable(refusedPlain), comparable(refusedFast));
        assertEquals("quota-fast-1", refusedFast.header("X-Request-Id"));
        String exception = "QuotaExceededException";
        assertTrue(timed(plain, "429", exception) >= 1, "Micronaut's tags of the refusal");
        assertTrue(timed(fast, "429", exception) >= 1, "the fast path's: the same");
        List<String> logged = lines.list.stream()
                .filter(e -> e.getFormattedMessage().startsWith("POST " + ROUTE + " 429 "))
                .map(e -> e.getMDCPropertyMap().get("requestId")).toList();
        assertEquals(List.of("quota-fast-1"), logged, "a refusal is an INFO line with the route's template");
    }

    private static double timed(StrataInstance instance, String status, String exception) {
        return timed(instance, ROUTE, status, exception);
    }

    /** The count of {@code POST} answers of {@code route} with {@code status} and {@code exception} in the timer. */
    static double timed(StrataInstance instance, String route, String status, String exception) {
        String metrics = instance.get("/prometheus", null).body();
        Matcher m = Pattern.compile("(?m)^http_server_requests_seconds_count\\{(.*)} (\\S+)$").matcher(metrics);
        while (m.find()) {
            String labels = m.group(1);
            if (labels.contains("uri=\"" + route + "\"") && labels.contains("status=\"" + status + "\"")
                    && labels.contains("method=\"POST\"") && labels.contains("exception=\"" + exception + "\"")) {
                return Double.parseDouble(m.group(2));
            }
        }
        return 0;
    }
}

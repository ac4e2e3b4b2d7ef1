package dev.strata.bootstrap.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.application.identity.port.CreateTenantUseCase.TenantCreated;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /v1/admin/overview} end to end: the contract's fields, figures that move with load, a consumer group
 * that falls behind raising {@code stream.lag} and clearing it once it catches up, deliveries left unacknowledged
 * raising {@code stream.pending-age}, tenants seeing only their own
 * groups, and a Redis outage reported as figures, status and alert rather than an error.
 */
class OperationsOverviewIT {
    private static final String OVERVIEW = "/v1/admin/overview";
    private static StrataInstance instance;
    private static TenantCreated tenant;
    private static String token;

    @BeforeAll
    static void start() {
        instance = StrataInstance.start(Map.of("strata.operations.alerts.consumer-lag", 3,
                "strata.operations.alerts.oldest-pending", "1s"));
        tenant = Tenants.create(instance);
        token = Tenants.adminToken(instance, tenant);
    }

    @AfterAll
    static void stop() {
        instance.close();
    }

    @Test
    void theOverviewCarriesEveryFieldOfTheContract() throws IOException {
        JsonNode body = overview(instance, token);
        assertNotNull(body.get("time").getStringValue());
        assertFalse(body.get("instance").getStringValue().isBlank());
        assertEquals("UP", body.get("status").getStringValue());
        JsonNode redis = body.get("redis");
        assertTrue(redis.get("up").getBooleanValue());
        for (String field : List.of("pingMs", "usedMemoryBytes", "maxMemoryBytes", "memoryRatio", "maxmemoryPolicy", "hitRate",
                "keyspaceHits", "keyspaceMisses", "evictedKeys", "connectedClients", "opsPerSecond")) {
            assertNotNull(redis.get(field), "redis." + field + " present (maybe null)");
        }
        assertTrue(redis.get("usedMemoryBytes").getLongValue() > 0);
        assertTrue(redis.get("connectedClients").getLongValue() >= 1);
        assertFalse(redis.get("maxmemoryPolicy").getStringValue().isBlank());
        JsonNode pool = body.get("postgres").get("pool");
        assertTrue(body.get("postgres").get("up").getBooleanValue());
        assertEquals(16, pool.get("max").getIntValue());
        assertTrue(pool.get("active").getIntValue() + pool.get("idle").getIntValue() >= 1);
        // a live figure: other instances of the suite share the machine, so only its presence and sign are fixed
        assertTrue(pool.get("waiting").getIntValue() >= 0);
        for (String tier : List.of("l1", "l2", "l3")) {
            JsonNode t = body.get("cache").get(tier);
            assertNotNull(t.get("hits"));
            assertNotNull(t.get("misses"));
            assertNotNull(t.get("hitRate"), tier + ".hitRate present (maybe null)");
        }
        assertNotNull(body.get("cache").get("overallHitRate"));
        assertTrue(body.get("http").get("requests").getLongValue() >= 1, "the token request at least");
        assertNotNull(body.get("http").get("errors5xx"));
        assertNotNull(body.get("http").get("p95Ms"));
        assertTrue(body.get("streams").isArray());
        assertTrue(body.get("alerts").isArray());
        StrataInstance.Response raw = instance.get(OVERVIEW, token);
        assertTrue(raw.header("Content-Type").startsWith("application/json"));
        assertEquals("no-store", raw.header("Cache-Control"));
    }

    @Test
    void onlyAdminsMayReadIt() {
        StrataInstance.Response anonymous = instance.get(OVERVIEW, null);
        assertEquals(401, anonymous.status());
        assertTrue(anonymous.header("Content-Type").startsWith("application/problem+json"));
        StrataInstance.Response narrow = instance.get(OVERVIEW, Tenants.adminToken(instance, tenant, "cache:read"));
        assertEquals(403, narrow.status(), narrow.body());
        assertTrue(narrow.header("Content-Type").startsWith("application/problem+json"));
        assertTrue(narrow.body().contains("auth.insufficient_scope"), narrow.body());
        assertEquals(404, instance.get("/v1/admin/overview/extra", token).status());
    }

    @Test
    void cacheFiguresMoveWithMissesThenHits() throws IOException {
        JsonNode before = overview(instance, token).get("cache");
        String ns = "ops-" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(404, CacheEndToEndIT.get(instance, token, CacheEndToEndIT.path(ns, "k")).status());
        assertEquals(404, CacheEndToEndIT.get(instance, token, CacheEndToEndIT.path(ns, "k2")).status());
        JsonNode missed = overview(instance, token).get("cache");
        assertTrue(sum(missed, "misses") > sum(before, "misses"), "misses counted");
        assertTrue(CacheEndToEndIT.put(instance, token, CacheEndToEndIT.path(ns, "k"), "{\"value\":{\"a\":1}}").status() / 100 == 2);
        for (int i = 0; i < 5; i++) {
            assertEquals(200, CacheEndToEndIT.get(instance, token, CacheEndToEndIT.path(ns, "k")).status());
        }
        JsonNode hit = overview(instance, token).get("cache");
        assertTrue(sum(hit, "hits") >= sum(missed, "hits") + 5, "hits counted: " + hit);
        assertFalse(hit.get("overallHitRate").isNull());
    }

    @Test
    void aGroupThatFallsBehindRaisesStreamLagAndClearsWhenItCatchesUp() throws Exception {
        String topic = "ops-" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(201, instance.send(instance.builder("/v1/topics/" + topic + "/groups/billing", token)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"startAt\":\"earliest\"}"))).status());
        for (int i = 0; i < 5; i++) {
            EventsClient.publish(instance, token, topic, "{\"n\":" + i + "}");
        }
        JsonNode body = overview(instance, token);
        JsonNode group = stream(body, topic);
        assertNotNull(group, "the tenant's group is listed: " + body.get("streams"));
        assertEquals("billing", group.get("group").getStringValue());
        assertEquals(5, group.get("lag").getLongValue());
        assertEquals(0, group.get("consumers").getLongValue());
        JsonNode lag = alert(body, "stream.lag", topic);
        assertNotNull(lag, "stream.lag raised above the threshold of 3: " + body.get("alerts"));
        assertEquals("warning", lag.get("severity").getStringValue());
        assertFalse(lag.get("action").getStringValue().isBlank());
        assertNotNull(lag.get("since").getStringValue());
        assertNotNull(alert(body, "stream.no-consumer", topic), "nobody reads it");

        TenantCreated other = Tenants.create(instance);
        JsonNode theirs = overview(instance, Tenants.adminToken(instance, other));
        assertEquals(null, stream(theirs, topic), "another tenant never sees the group");
        assertFalse(theirs.get("alerts").toString().contains(topic), "nor an alert naming it");

        List<Long> read = new ArrayList<>();
        for (int attempt = 0; attempt < 5 && read.size() < 5; attempt++) {
            StrataInstance.Response got = instance.postJson("/v1/topics/" + topic + "/groups/billing/read", token,
                    "{\"consumer\":\"c1\",\"count\":10,\"blockMs\":2000}");
            assertEquals(200, got.status(), got.body());
            read.addAll(EventsClient.sequenceOf(got.body()));
        }
        assertEquals(5, read.size());
        JsonNode behind = overview(instance, token);
        assertEquals(5, stream(behind, topic).get("pending").getLongValue());
        assertFalse(stream(behind, topic).get("oldestPendingSeconds").isNull(), "pending deliveries have an age");
        assertEquals(null, alert(behind, "stream.lag", topic), "everything was delivered");
        // nobody acknowledges: past the 1 s threshold the oldest pending delivery raises stream.pending-age
        Thread.sleep(2_500);
        JsonNode stuck = overview(instance, token);
        assertTrue(stream(stuck, topic).get("oldestPendingSeconds").getLongValue() >= 2, stuck.get("streams").toString());
        JsonNode pendingAge = alert(stuck, "stream.pending-age", topic);
        assertNotNull(pendingAge, "stream.pending-age raised: " + stuck.get("alerts"));
        assertFalse(pendingAge.get("action").getStringValue().isBlank());
        StrataInstance.Response described = instance.get("/v1/topics/" + topic + "/groups/billing", token);
        assertEquals(200, described.status(), described.body());
        assertTrue(parse(described.body()).get("oldestPendingSeconds").getLongValue() >= 2, described.body());
        StrataInstance.Response page = instance.get("/v1/topics/" + topic + "/events?limit=10", token);
        List<String> ids = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"").matcher(page.body());
        while (m.find()) {
            ids.add(m.group(1));
        }
        assertEquals(200, instance.postJson("/v1/topics/" + topic + "/groups/billing/ack", token,
                "{\"ids\":[\"" + String.join("\",\"", ids) + "\"]}").status());
        JsonNode caughtUp = overview(instance, token);
        JsonNode g = stream(caughtUp, topic);
        assertEquals(0, g.get("lag").getLongValue());
        assertEquals(0, g.get("pending").getLongValue());
        assertEquals(1, g.get("consumers").getLongValue());
        assertEquals(null, alert(caughtUp, "stream.lag", topic));
        assertEquals(null, alert(caughtUp, "stream.no-consumer", topic));
        assertEquals(null, alert(caughtUp, "stream.pending-age", topic), "acknowledged: nothing waits");
        JsonNode age = g.get("oldestPendingSeconds");
        assertTrue(age == null || age.isNull(), "no pending delivery, no age: " + g);
    }

    @Test
    void redisDownIsReportedNotFailed() throws IOException {
        try (StrataInstance cut = StrataInstance.start(Map.of("redis.uri", "redis://127.0.0.1:1"))) {
            StrataInstance.Response response = cut.get(OVERVIEW, token);
            assertEquals(200, response.status(), response.body());
            JsonNode body = parse(response.body());
            assertEquals("DEGRADED", body.get("status").getStringValue());
            JsonNode redis = body.get("redis");
            assertFalse(redis.get("up").getBooleanValue());
            assertTrue(redis.get("usedMemoryBytes").isNull(), "unknown figures are null, not left out");
            assertTrue(redis.get("hitRate").isNull());
            assertTrue(body.get("postgres").get("up").getBooleanValue());
            JsonNode unreachable = alert(body, "redis.unreachable", null);
            assertNotNull(unreachable, body.get("alerts").toString());
            assertEquals("critical", unreachable.get("severity").getStringValue());
        }
    }

    static JsonNode overview(StrataInstance on, String bearer) throws IOException {
        StrataInstance.Response response = on.get(OVERVIEW, bearer);
        assertEquals(200, response.status(), response.body());
        return parse(response.body());
    }

    static JsonNode parse(String json) throws IOException {
        return instance.context.getBean(JsonMapper.class).readValue(json, JsonNode.class);
    }

    private static long sum(JsonNode cache, String field) {
        return cache.get("l1").get(field).getLongValue() + cache.get("l2").get(field).getLongValue()
                + cache.get("l3").get(field).getLongValue();
    }

    static JsonNode stream(JsonNode overview, String topic) {
        JsonNode streams = overview.get("streams");
        for (int i = 0; i < streams.size(); i++) {
            if (topic.equals(streams.get(i).get("topic").getStringValue())) {
                return streams.get(i);
            }
        }
        return null;
    }

    static JsonNode alert(JsonNode overview, String id, String mentioning) {
        JsonNode alerts = overview.get("alerts");
        for (int i = 0; i < alerts.size(); i++) {
            JsonNode a = alerts.get(i);
            if (id.equals(a.get("id").getStringValue())
                    && (mentioning == null || a.get("message").getStringValue().contains(mentioning))) {
                return a;
            }
        }
        return null;
    }
}

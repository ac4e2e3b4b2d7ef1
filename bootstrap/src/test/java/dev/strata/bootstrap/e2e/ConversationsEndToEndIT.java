package dev.strata.bootstrap.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.application.identity.port.CreateTenantUseCase.TenantCreated;
import dev.strata.domain.identity.port.TenantDirectory;
import dev.strata.domain.shared.RedisServerProcess;
import dev.strata.domain.shared.TestServices;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Conversations end to end on two instances sharing one Redis and one Postgres: read-your-writes across
 * instances, cached reads that turn fresh after a change, bad input and other users' conversations, the admin
 * routes, the SSE stream, warming at login, the per-user posting limit, and (on a Redis of the test's own) every
 * route with Redis stopped and restarted empty.
 */
class ConversationsEndToEndIT {
    private static StrataInstance a;
    private static StrataInstance b;
    private static TenantCreated tenant;
    private static String slug;

    @BeforeAll
    static void start() {
        // the per-user posting limit (60 a minute by default) is lifted: these tests post more
        Map<String, Object> lifted = SessionsFixturesIT.props(Map.of("strata.rate-limits.policies.conversation-messages.limit", 1_000_000));
        a = StrataInstance.start(lifted);
        b = StrataInstance.start(lifted);
        tenant = Tenants.create(a);
        slug = slugOf(a, tenant);
    }

    @AfterAll
    static void stop() {
        a.close();
        b.close();
    }

    private static String slugOf(StrataInstance instance, TenantCreated created) {
        return instance.context.getBean(TenantDirectory.class).findById(created.tenantId()).orElseThrow().slug().value();
    }

    /** A new end user of the tenant: their access token. */
    private static String user(StrataInstance instance, String tenantSlug) {
        String email = SessionsFixturesIT.newEmail();
        SessionsFixturesIT.register(instance, tenantSlug, email);
        return SessionsFixturesIT.login(instance, tenantSlug, email, SessionsFixturesIT.PASSWORD).accessToken();
    }

    private static String start(StrataInstance instance, String token, String title) {
        StrataInstance.Response created = instance.postJson("/v1/conversations", token, "{\"title\":\"" + title + "\"}");
        assertEquals(201, created.status(), created.body());
        return created.json("id");
    }

    private static StrataInstance.Response post(StrataInstance instance, String token, String id, String json) {
        return instance.postJson("/v1/conversations/" + id + "/messages", token, json);
    }

    private static StrataInstance.Response patch(StrataInstance instance, String token, String path, String json) {
        return instance.send(instance.builder(path, token).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
    }

    @Test
    void aMessagePostedOnAIsListedOnBEveryTime() {
        String token = user(a, slug);
        String id = start(a, token, "read your writes");
        for (int i = 0; i < 100; i++) {
            StrataInstance.Response posted = post(a, token, id, "{\"role\":\"user\",\"content\":\"message " + i + "\"}");
            assertEquals(201, posted.status(), posted.body());
            StrataInstance.Response listed = b.get("/v1/conversations/" + id + "/messages?limit=1", token);
            assertEquals(200, listed.status(), listed.body());
            assertTrue(listed.body().contains("\"content\":\"message " + i + "\""), "iteration " + i + ": " + listed.body());
        }
    }

    @Test
    void aRepeatedListIsCachedAndFreshAfterAChange() {
        String token = user(a, slug);
        String id = start(a, token, "cached");
        assertEquals(201, post(a, token, id, "{\"role\":\"user\",\"content\":\"one\"}").status());
        String path = "/v1/conversations/" + id + "/messages";
        b.get(path, token);
        StrataInstance.Response again = b.get(path, token);
        assertEquals("HIT", again.header("X-Cache"), again.body());
        assertEquals(201, post(a, token, id, "{\"role\":\"assistant\",\"content\":\"two\"}").status());
        StrataInstance.Response fresh = b.get(path, token);
        assertTrue(fresh.body().contains("\"content\":\"two\""), fresh.body());

        b.get("/v1/conversations", token);
        assertEquals("HIT", b.get("/v1/conversations", token).header("X-Cache"));
        assertEquals(200, patch(a, token, "/v1/conversations/" + id, "{\"title\":\"renamed\"}").status());
        assertTrue(b.get("/v1/conversations", token).body().contains("\"title\":\"renamed\""));
        assertTrue(b.get("/v1/conversations/" + id, token).body().contains("\"title\":\"renamed\""));
        StrataInstance.Response context = b.get("/v1/conversations/" + id + "/context?maxMessages=1&maxChars=100", token);
        assertEquals(200, context.status(), context.body());
        assertTrue(context.body().contains("\"content\":\"two\"") && !context.body().contains("\"content\":\"one\""), context.body());
    }

    @Test
    void retriesBadInputAndOtherUsersConversations() {
        String token = user(a, slug);
        String id = start(a, token, "mine");
        String once = "{\"role\":\"user\",\"content\":\"once\",\"clientMessageId\":\"c-1\",\"metadata\":{\"k\":1}}";
        StrataInstance.Response first = post(a, token, id, once);
        StrataInstance.Response retry = post(b, token, id, once);
        assertEquals(201, first.status(), first.body());
        assertEquals(200, retry.status(), retry.body());
        assertEquals(first.json("id"), retry.json("id"));

        for (String[] bad : new String[][] {{"{\"role\":\"user\",\"content\":\"\"}", "content"},
                {"{\"role\":\"user\",\"content\":\"" + "x".repeat(32_001) + "\"}", "content"},
                {"{\"role\":\"robot\",\"content\":\"hi\"}", "role"},
                {"{\"role\":\"user\",\"content\":\"hi\",\"metadata\":[1]}", "metadata"}}) {
            StrataInstance.Response refused = post(a, token, id, bad[0]);
            assertEquals(400, refused.status(), refused.body());
            assertTrue(refused.body().contains("\"" + bad[1] + "\""), refused.body());
        }
        assertEquals(400, a.postJson("/v1/conversations", token, "{\"title\":\"\"}").status());

        String other = user(b, slug);
        assertEquals(404, b.get("/v1/conversations/" + id, other).status());
        assertEquals(404, b.get("/v1/conversations/" + id + "/messages", other).status());
        assertEquals(404, post(b, other, id, "{\"role\":\"user\",\"content\":\"intrusion\"}").status());
        assertEquals(404, b.delete("/v1/conversations/" + id, other).status());
        assertEquals(404, b.get("/v1/conversations/not-a-uuid", other).status());
        assertTrue(b.get("/v1/conversations/search?q=once", other).body().contains("\"items\":[]"));
        assertTrue(a.get("/v1/conversations/search?q=once", token).body().contains("\"content\":\"once\""));
        assertEquals(400, a.get("/v1/conversations/search", token).status());
        assertEquals(403, a.get("/v1/conversations", Tenants.adminToken(a, tenant)).status());
    }

    @Test
    void anAdministratorReadsAndDeletesAUsersConversations() {
        String token = user(a, slug);
        String id = start(a, token, "support case");
        assertEquals(201, post(a, token, id, "{\"role\":\"user\",\"content\":\"help\"}").status());
        String userId = a.get("/v1/conversations/" + id, token).json("userId");
        String admin = Tenants.adminToken(a, tenant, "conversations:admin");
        String base = "/v1/users/" + userId + "/conversations";
        assertTrue(b.get(base, admin).body().contains(id));
        assertTrue(b.get(base + "/" + id + "/messages", admin).body().contains("\"content\":\"help\""));
        assertEquals(404, b.get("/v1/users/someone-else/conversations/" + id, admin).status());
        assertEquals(403, b.get(base, Tenants.adminToken(a, tenant, "events:consume")).status());
        StrataInstance.Response deleted = b.delete(base, admin);
        assertEquals(200, deleted.status(), deleted.body());
        assertTrue(deleted.body().contains("\"deleted\":1"), deleted.body());
        assertEquals(404, a.get("/v1/conversations/" + id, token).status());
        assertTrue(a.get("/v1/conversations", token).body().contains("\"items\":[]"));
    }

    @Test
    void aMessagePostedOnBArrivesOnceOnTheStreamOpenedOnA() throws Exception {
        String token = user(a, slug);
        String id = start(a, token, "live");
        String other = start(a, token, "elsewhere");
        try (EventsClient.Sse stream = EventsClient.Sse.at(a, "/v1/conversations/" + id + "/stream", token)) {
            assertEquals(200, stream.status);
            assertEquals(201, post(b, token, other, "{\"role\":\"user\",\"content\":\"not this one\"}").status());
            assertEquals(201, post(b, token, id, "{\"role\":\"user\",\"content\":\"live message\"}").status());
            EventsClient.Frame frame = stream.nextEvent(20_000);
            assertNotNull(frame, "the message arrives");
            assertTrue(frame.data().contains("conversation.message.created") && frame.data().contains("live message"), frame.data());
            assertNull(stream.nextEvent(1_500), "once, and nothing of the other conversation");
        }
        String stranger = user(a, slug);
        try (EventsClient.Sse refused = EventsClient.Sse.at(a, "/v1/conversations/" + id + "/stream", stranger)) {
            assertEquals(404, refused.status);
        }
    }

    @Test
    void aLoginWarmsTheRecentListAndTheLatestFirstPage() {
        String email = SessionsFixturesIT.newEmail();
        SessionsFixturesIT.register(a, slug, email);
        String token = SessionsFixturesIT.login(a, slug, email, SessionsFixturesIT.PASSWORD).accessToken();
        start(a, token, "older");
        String latest = start(a, token, "latest");
        assertEquals(201, post(a, token, latest, "{\"role\":\"user\",\"content\":\"warm me\"}").status());
        String userId = a.get("/v1/conversations/" + latest, token).json("userId");
        String entries = "strata:{" + tenant.tenantId() + "}:cache:e:";
        String recentKey = entries + "conversations.recent:" + userId;
        String pageKey = entries + "conversations.pages:" + latest;
        RedisClient client = RedisClient.create(TestServices.redisUri());
        try (StatefulRedisConnection<String, String> redis = client.connect()) {
            // the post's own background re-warm fills both; then they are dropped behind Strata's back: a cold cache
            await(() -> redis.sync().exists(recentKey, pageKey) == 2, "the writer re-warmed after the post");
            redis.sync().del(recentKey, pageKey);
            assertEquals(0L, redis.sync().exists(recentKey, pageKey));

            SessionsFixturesIT.login(b, slug, email, SessionsFixturesIT.PASSWORD);
            await(() -> redis.sync().exists(recentKey, pageKey) == 2, "the login warmed the list and the latest first page");
        } finally {
            client.shutdown();
        }
        StrataInstance.Response recent = a.get("/v1/conversations", token);
        assertEquals("HIT", recent.header("X-Cache"), recent.body());
        assertTrue(recent.body().indexOf("\"latest\"") < recent.body().indexOf("\"older\""), recent.body());
        StrataInstance.Response page = a.get("/v1/conversations/" + latest + "/messages", token);
        assertEquals("HIT", page.header("X-Cache"), page.body());
        assertTrue(page.body().contains("\"content\":\"warm me\""), page.body());
    }

    @Test
    void postingIsRateLimitedPerUserByTheTenantsPolicy() {
        TenantCreated own = Tenants.create(a);
        String ownSlug = slugOf(a, own);
        String admin = Tenants.adminToken(a, own);
        StrataInstance.Response policy = a.send(a.builder("/v1/rate-limits/conversation-messages", admin)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"limit\":3,\"windowSeconds\":60}")));
        assertEquals(200, policy.status(), policy.body());
        String alice = user(a, ownSlug);
        String bob = user(a, ownSlug);
        String chat = start(a, alice, "limited");
        for (int i = 0; i < 3; i++) {
            StrataInstance.Response posted = post(i % 2 == 0 ? a : b, alice, chat, "{\"role\":\"user\",\"content\":\"m" + i + "\"}");
            assertEquals(201, posted.status(), posted.body());
        }
        StrataInstance.Response limited = post(b, alice, chat, "{\"role\":\"user\",\"content\":\"one too many\"}");
        assertEquals(429, limited.status(), limited.body());
        assertNotNull(limited.header("Retry-After"), "tells when to retry");
        assertEquals(3, a.get("/v1/conversations/" + chat + "/messages", alice).body().split("\"sequence\"", -1).length - 1,
                "the refused post stored nothing");
        // per user: another user of the tenant still posts
        assertEquals(201, post(a, bob, start(a, bob, "bob's"), "{\"role\":\"user\",\"content\":\"hi\"}").status());
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "not true within 30 s: " + what);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void everyRouteWorksWithRedisStoppedAndAfterItRestartsEmpty() throws Exception {
        try (RedisServerProcess redis = RedisServerProcess.start()) {
            Map<String, Object> overrides = SessionsFixturesIT.props(Map.of("redis.uri", redis.uri()));
            try (StrataInstance c = StrataInstance.start(overrides); StrataInstance d = StrataInstance.start(overrides)) {
                TenantCreated own = Tenants.create(c);
                String ownSlug = slugOf(c, own);
                String token = user(c, ownSlug);
                String id = start(c, token, "before");
                assertEquals(201, post(c, token, id, "{\"role\":\"user\",\"content\":\"kept\"}").status());
                d.get("/v1/conversations/" + id + "/messages", token);

                redis.kill();
                String second = start(d, token, "while down");
                assertEquals(201, post(d, token, id, "{\"role\":\"assistant\",\"content\":\"written while down\"}").status());
                assertEquals(200, patch(c, token, "/v1/conversations/" + id, "{\"title\":\"renamed while down\"}").status());
                for (StrataInstance instance : new StrataInstance[] {c, d}) {
                    StrataInstance.Response messages = instance.get("/v1/conversations/" + id + "/messages", token);
                    assertEquals(200, messages.status(), messages.body());
                    assertTrue(messages.body().contains("written while down"), messages.body());
                    assertTrue(instance.get("/v1/conversations", token).body().contains("while down"));
                    assertTrue(instance.get("/v1/conversations/" + id, token).body().contains("renamed while down"));
                    assertEquals(200, instance.get("/v1/conversations/" + id + "/context", token).status());
                    assertEquals(200, instance.get("/v1/conversations/search?q=kept", token).status());
                }
                assertEquals(204, c.delete("/v1/conversations/" + second, token).status());

                redis.startAgain();
                assertEquals(201, post(c, token, id, "{\"role\":\"user\",\"content\":\"after restart\"}").status());
                for (StrataInstance instance : new StrataInstance[] {c, d}) {
                    for (int round = 0; round < 2; round++) {
                        StrataInstance.Response messages = instance.get("/v1/conversations/" + id + "/messages", token);
                        assertTrue(messages.body().contains("after restart") && messages.body().contains("kept"), messages.body());
                        String list = instance.get("/v1/conversations", token).body();
                        assertTrue(list.contains("renamed while down") && !list.contains("\"while down\""), list);
                    }
                }
            }
        }
    }
}

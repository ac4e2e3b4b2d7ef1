package dev.strata.bootstrap.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.application.identity.port.CreateTenantUseCase.TenantCreated;
import dev.strata.domain.identity.port.TenantDirectory;
import dev.strata.domain.shared.TestServices;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * No credential at rest: on two instances sharing one Redis and one Postgres, every credential-bearing
 * flow runs (tenant and client creation with their secrets, client-credentials tokens, register, login,
 * refresh and refresh reuse, a wrong password, password reset through the signed webhook and its
 * confirmation, refused bodies carrying credentials, logout, the sessions API, a consumer group on the
 * reset events with a dead letter). Every secret seen or sent is remembered; afterwards no Redis key or
 * value of any type, no Pub/Sub message, no row of any table of the tenant (events and dead letters
 * included) and no captured log line holds one of them or an obvious encoding of one.
 */
class SecurityNoSecretsAtRestIT {
    @Test
    void noCredentialReachesRedisTheDatabaseOrTheLogs() throws Exception {
        Map<String, String> secrets = new LinkedHashMap<>();
        try (ResetWebhookReceiver webhook = ResetWebhookReceiver.start(); LeakScan scan = LeakScan.start().listenToPubSub()) {
            Map<String, Object> overrides = new HashMap<>(webhook.properties());
            overrides.put("strata.events.max-deliveries", 1);
            overrides.put("strata.events.visibility-timeout", "1s");
            secrets.put("JWT signing key", StrataInstance.JWT_SECRET);
            secrets.put("reset webhook key", ResetWebhookReceiver.SECRET);
            try (StrataInstance a = StrataInstance.start(SessionsFixturesIT.props(overrides));
                 StrataInstance b = StrataInstance.start(SessionsFixturesIT.props(overrides))) {
                Flow flow = runEveryCredentialFlow(a, b, webhook, secrets);
                DataSource dataSource = a.context.getBean(DataSource.class);
                List<String> tenants = List.of(flow.tenantId(), new UUID(0, 0).toString());
                Map<String, String> tables = LeakScan.dumpTables(dataSource, tenants);
                assertTrue(tables.keySet().stream().anyMatch(t -> t.startsWith("event_dead_letters ")), "tables: " + tables.keySet());
                assertTrue(tables.entrySet().stream().anyMatch(e -> e.getKey().startsWith("events ") && e.getValue().contains("auth.password_reset")),
                        "the events table holds the reset event");
                assertFalse(LeakScan.dumpRedis().isEmpty(), "Redis holds the flows' keys");
                assertFalse(scan.logLines().isEmpty(), "the scan captured the instances' logs");
                assertFalse(scan.pubSubMessages().isEmpty(), "the scan heard the instances' broadcasts");
                theScanFindsAPlantedValueEverywhere(scan, dataSource, tenants, flow.email());

                List<String> found = new ArrayList<>();
                found.addAll(LeakScan.findInRedis(secrets));
                found.addAll(LeakScan.find("Postgres", tables, secrets));
                found.addAll(scan.findInLogs(secrets));
                found.addAll(scan.findInPubSub(secrets));
                assertTrue(found.isEmpty(), "credentials at rest:\n" + String.join("\n", found));

                // the fact of the reset is on the bus, for auditing, without the credential
                assertTrue(flow.history().contains(flow.userId()), flow.history());
                assertTrue(flow.history().contains("\"requestId\""), flow.history());
                assertTrue(flow.history().contains("\"expiresAt\""), flow.history());
                assertFalse(flow.history().contains("\"token\""), flow.history());
                assertFalse(flow.history().contains(flow.email()), "the event names no email: " + flow.history());
            }
        }
    }

    /**
     * The control: a value planted in a log line, a Redis key and a Pub/Sub message (a JWT-shaped one, found by its
     * signature alone), and one the database holds (the user's email), are each found, so that an empty result
     * above means no leak rather than a blind scanner.
     */
    private static void theScanFindsAPlantedValueEverywhere(LeakScan scan, DataSource dataSource, List<String> tenants,
                                                            String email) throws Exception {
        String planted = "planted-" + UUID.randomUUID();
        String signature = UUID.randomUUID().toString().replace("-", "");
        String jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJwbGFudGVkIn0." + signature;
        Map<String, String> forbidden = Map.of("planted", planted, "planted JWT", jwt);
        LoggerFactory.getLogger("dev.strata.leakcheck").debug("a line with {}", planted);
        String key = "strata:leakcheck:" + UUID.randomUUID();
        RedisClient client = RedisClient.create(TestServices.redisUri());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            connection.sync().set(key, "prefix " + planted + " suffix", io.lettuce.core.SetArgs.Builder.ex(60));
            connection.sync().publish("strata:leakcheck", "signature " + signature);
            assertTrue(LeakScan.findInRedis(forbidden).contains("Redis: planted in " + key));
            connection.sync().del(key);
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (scan.findInPubSub(forbidden).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        } finally {
            client.shutdown();
        }
        assertTrue(scan.findInLogs(forbidden).stream().anyMatch(place -> place.startsWith("logs: planted in log line ")),
                "a planted value in the logs is found");
        assertTrue(scan.findInPubSub(forbidden).stream().anyMatch(place -> place.startsWith("Redis Pub/Sub: planted JWT in message ")),
                "a JWT whose signature alone was published is found");
        List<String> inPostgres = LeakScan.findInPostgres(dataSource, tenants, Map.of("email", email));
        assertTrue(inPostgres.stream().anyMatch(place -> place.startsWith("Postgres: email in users ")), inPostgres.toString());
        assertFalse(inPostgres.toString().contains(email), "places are named, never the value");
    }

    /** Runs the flows, remembering every secret value. */
    private static Flow runEveryCredentialFlow(StrataInstance a, StrataInstance b, ResetWebhookReceiver webhook,
                                                 Map<String, String> secrets) throws Exception {
        TenantCreated tenant = Tenants.create(a);
        secrets.put("admin client secret", tenant.admin().clientSecret());
        String slug = a.context.getBean(TenantDirectory.class).findById(tenant.tenantId()).orElseThrow().slug().value();

        String adminToken = Tenants.adminToken(a, tenant);
        secrets.put("admin access token (form)", adminToken);
        StrataInstance.Response jsonGrant = b.postJson("/v1/auth/token", null,
                "{\"grant_type\":\"client_credentials\",\"client_id\":\"" + tenant.admin().clientId().value()
                        + "\",\"client_secret\":\"" + tenant.admin().clientSecret() + "\"}");
        assertEquals(200, jsonGrant.status(), jsonGrant.body());
        secrets.put("admin access token (JSON)", jsonGrant.json("access_token"));
        assertEquals(401, a.postForm("/v1/auth/token", "grant_type=client_credentials&client_id="
                + tenant.admin().clientId().value() + "&client_secret=wrong-" + tenant.admin().clientSecret()).status());
        secrets.put("wrong client secret", "wrong-" + tenant.admin().clientSecret());

        StrataInstance.Response client = b.postJson("/v1/clients", adminToken,
                "{\"name\":\"mailer\",\"scopes\":[\"events:consume\",\"sessions:read\",\"sessions:write\"]}");
        assertEquals(201, client.status(), client.body());
        secrets.put("created client secret", client.json("clientSecret"));
        String clientToken = Tenants.token(a, client.json("clientId"), client.json("clientSecret"));
        secrets.put("created client token", clientToken);

        String email = SessionsFixturesIT.newEmail();
        String password = "pw-" + UUID.randomUUID();
        secrets.put("password", password);
        StrataInstance.Response registered = a.postJson("/v1/auth/register", null,
                SessionsFixturesIT.credentials(slug, email, password));
        assertEquals(201, registered.status(), registered.body());
        String wrongPassword = "wrong-pw-" + UUID.randomUUID();
        secrets.put("wrong password", wrongPassword);
        assertEquals(401, b.postJson("/v1/auth/login", null, SessionsFixturesIT.credentials(slug, email, wrongPassword)).status());

        SessionsFixturesIT.Login login = SessionsFixturesIT.login(b, slug, email, password);
        secrets.put("user access token", login.accessToken());
        secrets.put("refresh token", login.refreshToken());
        StrataInstance.Response refreshed = a.postJson("/v1/auth/refresh", null, "{\"refreshToken\":\"" + login.refreshToken() + "\"}");
        assertEquals(200, refreshed.status(), refreshed.body());
        secrets.put("refreshed access token", refreshed.json("accessToken"));
        secrets.put("rotated refresh token", refreshed.json("refreshToken"));
        assertEquals(200, b.get("/v1/auth/me", refreshed.json("accessToken")).status());
        // a spent refresh token again: reuse detection ends the session
        assertEquals(401, b.postJson("/v1/auth/refresh", null, "{\"refreshToken\":\"" + login.refreshToken() + "\"}").status());

        assertEquals(202, a.postJson("/v1/auth/password-reset", null, "{\"tenant\":\"" + slug + "\",\"email\":\"" + email + "\"}").status());
        String resetToken = webhook.awaitToken(email);
        secrets.put("reset token", resetToken);
        ResetWebhookReceiver.Delivery delivery = webhook.deliveriesFor(email).get(0);
        assertEquals(slug, delivery.tenant());
        assertEquals(registered.json("userId"), delivery.userId());
        assertNotNull(delivery.requestId());
        assertNotNull(delivery.expiresAt());
        String newPassword = "new-pw-" + UUID.randomUUID();
        secrets.put("new password", newPassword);
        StrataInstance.Response confirmed = b.postJson("/v1/auth/password-reset/confirm", null,
                "{\"token\":\"" + resetToken + "\",\"newPassword\":\"" + newPassword + "\"}");
        assertEquals(204, confirmed.status(), confirmed.body());
        assertEquals(400, a.postJson("/v1/auth/password-reset/confirm", null,
                "{\"token\":\"" + resetToken + "\",\"newPassword\":\"" + newPassword + "\"}").status(), "single use");

        // refusals that carry credentials: too long a password, a malformed body, a wrong type
        String longPassword = "long-pw-" + "x".repeat(130) + UUID.randomUUID();
        secrets.put("too long password", longPassword);
        assertEquals(400, a.postJson("/v1/auth/register", null, SessionsFixturesIT.credentials(slug, SessionsFixturesIT.newEmail(),
                longPassword)).status());
        String malformedPassword = "malformed-pw-" + UUID.randomUUID();
        secrets.put("password in a malformed body", malformedPassword);
        assertEquals(400, b.postJson("/v1/auth/login", null, "{\"tenant\":\"" + slug + "\",\"email\":\"" + email
                + "\",\"password\":\"" + malformedPassword + "\"").status());
        String mistypedSecret = "mistyped-secret-" + UUID.randomUUID();
        secrets.put("client secret in a mistyped body", mistypedSecret);
        int mistyped = a.postJson("/v1/auth/token", null, "{\"grant_type\":\"client_credentials\",\"client_id\":[\""
                + mistypedSecret + "\"],\"client_secret\":\"" + mistypedSecret + "\"}").status();
        assertTrue(mistyped == 400 || mistyped == 401, "refused: " + mistyped);
        assertEquals(400, b.postJson("/v1/auth/password-reset/confirm", null,
                "{\"token\":\"" + resetToken + "\",\"newPassword\":\"" + longPassword + "\"}").status());

        SessionsFixturesIT.Login second = SessionsFixturesIT.login(a, slug, email, newPassword);
        secrets.put("second access token", second.accessToken());
        secrets.put("second refresh token", second.refreshToken());
        assertEquals(204, b.postJson("/v1/auth/logout", second.accessToken(), "").status());
        assertEquals(401, a.get("/v1/auth/me", second.accessToken()).status());

        StrataInstance.Response session = a.postJson("/v1/sessions", clientToken,
                "{\"userId\":\"customer-1\",\"data\":{\"cart\":[1,2]},\"ttlSeconds\":600}");
        assertEquals(201, session.status(), session.body());
        String sessionId = session.json("id");
        assertEquals(200, b.get("/v1/sessions/" + sessionId, clientToken).status());
        assertEquals(200, b.send(b.builder("/v1/sessions/" + sessionId, clientToken).header("Content-Type", "application/merge-patch+json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"theme\":\"dark\"}"))).status());
        assertEquals(200, a.get("/v1/sessions?userId=customer-1", clientToken).status());
        assertEquals(204, a.delete("/v1/sessions/" + sessionId, clientToken).status());

        String history = awaitResetEvent(a, adminToken);

        // a consumer group on the reset events: delivered once, not acknowledged, so it becomes a dead letter
        assertTrue(a.send(a.builder("/v1/topics/auth-notifications/groups/audit", adminToken).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"startAt\":\"earliest\"}"))).status() < 300);
        String read = "{\"consumer\":\"c1\",\"count\":10,\"blockMs\":1000}";
        assertEquals(200, b.postJson("/v1/topics/auth-notifications/groups/audit/read", adminToken, read).status());
        Thread.sleep(1_500);
        assertEquals(200, a.postJson("/v1/topics/auth-notifications/groups/audit/read", adminToken, read).status());
        assertEquals(200, a.get("/v1/topics/auth-notifications/groups/audit/dead-letters", adminToken).status());
        return new Flow(tenant.tenantId().toString(), registered.json("userId"), email, history);
    }

    /** What the flows leave for the assertions: the tenant, the reset user and the history of its topic. */
    private record Flow(String tenantId, String userId, String email, String history) {
    }

    private static String awaitResetEvent(StrataInstance instance, String adminToken) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        String body = "";
        while (System.nanoTime() < deadline) {
            StrataInstance.Response history = instance.get("/v1/topics/auth-notifications/events?after=0", adminToken);
            assertEquals(200, history.status(), history.body());
            body = history.body();
            if (body.contains("auth.password_reset.requested")) {
                return body;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no auth.password_reset.requested event: " + body);
    }
}

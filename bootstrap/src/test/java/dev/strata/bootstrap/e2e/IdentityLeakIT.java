package dev.strata.bootstrap.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.application.identity.port.CreateTenantUseCase.TenantCreated;
import dev.strata.domain.identity.port.TenantDirectory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The leak scan over the identity flows: a user's password, client secrets and refresh tokens used by the test
 * never appear in the JVM's captured logs nor anywhere in Redis.
 */
class IdentityLeakIT {

    @Test
    void passwordsClientSecretsAndRefreshTokensReachNeitherLogsNorRedis() {
        Map<String, String> forbidden = new LinkedHashMap<>();
        try (LeakScan scan = LeakScan.start();
             StrataInstance instance = StrataInstance.start(SessionsFixturesIT.props(Map.of()))) {
            TenantCreated tenant = Tenants.create(instance);
            forbidden.put("admin client secret", tenant.admin().clientSecret());
            String slug = instance.context.getBean(TenantDirectory.class).findById(tenant.tenantId()).orElseThrow().slug().value();
            String adminToken = Tenants.adminToken(instance, tenant);

            StrataInstance.Response client = instance.postJson("/v1/clients", adminToken,
                    "{\"name\":\"leak-check\",\"scopes\":[\"sessions:read\"]}");
            assertEquals(201, client.status(), client.body());
            forbidden.put("created client secret", client.json("clientSecret"));
            Tenants.token(instance, client.json("clientId"), client.json("clientSecret"));
            String wrongSecret = "wrong-secret-" + UUID.randomUUID();
            forbidden.put("wrong client secret", wrongSecret);
            assertEquals(401, instance.postForm("/v1/auth/token", "grant_type=client_credentials&client_id="
                    + client.json("clientId") + "&client_secret=" + wrongSecret).status());

            String email = SessionsFixturesIT.newEmail();
            String password = "pw-" + UUID.randomUUID();
            forbidden.put("password", password);
            assertEquals(201, instance.postJson("/v1/auth/register", null,
                    SessionsFixturesIT.credentials(slug, email, password)).status());
            String wrongPassword = "wrong-pw-" + UUID.randomUUID();
            forbidden.put("wrong password", wrongPassword);
            assertEquals(401, instance.postJson("/v1/auth/login", null,
                    SessionsFixturesIT.credentials(slug, email, wrongPassword)).status());

            SessionsFixturesIT.Login login = SessionsFixturesIT.login(instance, slug, email, password);
            forbidden.put("refresh token", login.refreshToken());
            StrataInstance.Response refreshed = instance.postJson("/v1/auth/refresh", null,
                    "{\"refreshToken\":\"" + login.refreshToken() + "\"}");
            assertEquals(200, refreshed.status(), refreshed.body());
            forbidden.put("rotated refresh token", refreshed.json("refreshToken"));
            assertEquals(401, instance.postJson("/v1/auth/refresh", null,
                    "{\"refreshToken\":\"" + login.refreshToken() + "\"}").status(), "a spent refresh token is refused");
            assertEquals(401, instance.get("/v1/auth/me", refreshed.json("accessToken")).status(), "reuse ended the session");
            SessionsFixturesIT.Login again = SessionsFixturesIT.login(instance, slug, email, password);
            forbidden.put("second refresh token", again.refreshToken());
            assertEquals(204, instance.postJson("/v1/auth/logout", again.accessToken(), "").status());

            List<String> lines = scan.logLines();
            assertFalse(lines.isEmpty(), "the instance's log events were captured");
            assertFalse(LeakScan.dumpRedis().isEmpty(), "the flows left keys in Redis to scan");
            scan.assertAbsent(forbidden);
        }
    }

    @Test
    void theScanFindsWhatIsThere() {
        String planted = "planted-" + UUID.randomUUID();
        try (LeakScan scan = LeakScan.start()) {
            org.slf4j.LoggerFactory.getLogger("dev.strata.leakcheck").debug("a line with {}",
                    java.util.Base64.getEncoder().encodeToString(planted.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            List<String> found = scan.findInLogs(Map.of("planted", planted));
            assertFalse(found.isEmpty(), "a base64 form of the value is found in the logs");
            assertTrue(found.stream().allMatch(place -> place.startsWith("logs: planted in log line ")), found.toString());
            assertFalse(found.toString().contains(planted), "places are named, never the value");
        }
        String key = "strata:leakcheck:" + UUID.randomUUID();
        io.lettuce.core.RedisClient client = io.lettuce.core.RedisClient.create(dev.strata.domain.shared.TestServices.redisUri());
        try (var connection = client.connect()) {
            connection.sync().hset(key, "field", "prefix " + planted + " suffix");
            connection.sync().expire(key, 60);
            assertTrue(LeakScan.findInRedis(Map.of("planted", planted)).contains("Redis: planted in " + key));
            connection.sync().del(key);
        } finally {
            client.shutdown();
        }
    }
}

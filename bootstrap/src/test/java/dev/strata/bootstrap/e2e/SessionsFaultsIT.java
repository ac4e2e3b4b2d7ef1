package dev.strata.bootstrap.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.application.identity.port.CreateTenantUseCase.TenantCreated;
import dev.strata.domain.shared.RedisServerProcess;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.http.HttpRequest;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Faults on a Redis of the test's own: a flushed Redis loses no session (read back from Postgres and
 * put back); a stopped Redis leaves login, session reads, token checks, logout and rate limits working.
 */
class SessionsFaultsIT extends SessionsFixturesIT {
    private static RedisServerProcess redis;
    private static StrataInstance a;
    private static String slug;
    private static String adminToken;

    @BeforeAll
    static void start() throws Exception {
        redis = RedisServerProcess.start();
        a = StrataInstance.start(props(Map.of("redis.uri", redis.uri(), "strata.redis.retry-after", "200ms")));
        TenantCreated tenant = Tenants.create(a);
        slug = a.context.getBean(dev.strata.domain.identity.port.TenantDirectory.class).findById(tenant.tenantId())
                .orElseThrow().slug().value();
        adminToken = Tenants.adminToken(a, tenant);
    }

    @AfterAll
    static void stop() {
        a.close();
        redis.close();
    }

    private static long redisKeys(String pattern) {
        RedisClient client = RedisClient.create(redis.uri());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return connection.sync().keys(pattern).size();
        } finally {
            client.shutdown();
        }
    }

    private static void flush() {
        RedisClient client = RedisClient.create(redis.uri());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            connection.sync().flushall();
        } finally {
            client.shutdown();
        }
    }

    @Test
    void aFlushedRedisLosesNoSession() {
        String email = newEmail();
        register(a, slug, email);
        Login login = login(a, slug, email, PASSWORD);
        String created = a.postJson("/v1/sessions", adminToken, "{\"userId\":\"flushed\",\"data\":{\"k\":1}}").json("id");
        assertEquals(1, redisKeys("*sessions:s:" + login.sessionId()));

        flush();
        assertEquals(0, redisKeys("*sessions:s:" + login.sessionId()));

        StrataInstance.Response me = a.get("/v1/auth/me", login.accessToken());
        assertEquals(200, me.status(), me.body());
        assertEquals(1, redisKeys("*sessions:s:" + login.sessionId()), "read back from Postgres and put back");
        StrataInstance.Response session = a.get("/v1/sessions/" + created, adminToken);
        assertEquals(200, session.status(), session.body());
        assertTrue(session.body().contains("\"k\":1"));

        assertEquals(204, a.postJson("/v1/auth/logout", login.accessToken(), "").status());
        assertEquals(401, a.get("/v1/auth/me", login.accessToken()).status());
    }

    @Test
    void aStoppedRedisLeavesLoginSessionsTokenChecksAndLimitsWorking() throws Exception {
        String email = newEmail();
        register(a, slug, email);
        Login before = login(a, slug, email, PASSWORD);
        a.send(a.builder("/v1/rate-limits/degraded", adminToken).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"limit\":2,\"windowSeconds\":60}")));
        redis.kill();
        try {
            assertEquals(200, a.get("/v1/auth/me", before.accessToken()).status(), "token check from Postgres");
            Login during = login(a, slug, email, PASSWORD);
            assertEquals(200, a.get("/v1/auth/me", during.accessToken()).status());
            StrataInstance.Response refreshed = a.postJson("/v1/auth/refresh", null, "{\"refreshToken\":\"" + during.refreshToken() + "\"}");
            assertEquals(200, refreshed.status(), refreshed.body());

            StrataInstance.Response created = a.postJson("/v1/sessions", adminToken, "{\"userId\":\"degraded\"}");
            assertEquals(201, created.status(), created.body());
            assertEquals(200, a.get("/v1/sessions/" + created.json("id"), adminToken).status());

            assertEquals(200, a.postJson("/v1/rate-limits/degraded/consume", adminToken, "{\"key\":\"k\"}").status());
            assertEquals(200, a.postJson("/v1/rate-limits/degraded/consume", adminToken, "{\"key\":\"k\"}").status());
            assertEquals(429, a.postJson("/v1/rate-limits/degraded/consume", adminToken, "{\"key\":\"k\"}").status(),
                    "the per-instance limiter still limits");

            assertEquals(204, a.postJson("/v1/auth/logout", before.accessToken(), "").status());
            assertEquals(401, a.get("/v1/auth/me", before.accessToken()).status(), "logout holds without Redis");
        } finally {
            redis.startAgain();
        }
        // Redis is back (empty): the ended session must not return, the live one is read back
        Thread.sleep(300);
        assertEquals(401, a.get("/v1/auth/me", before.accessToken()).status());
        assertEquals(200, a.get("/v1/auth/me", login(a, slug, email, PASSWORD).accessToken()).status());
    }
}

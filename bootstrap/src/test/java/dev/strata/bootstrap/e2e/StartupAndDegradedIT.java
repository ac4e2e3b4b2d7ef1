package dev.strata.bootstrap.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.application.identity.port.CreateTenantUseCase.TenantCreated;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Start-up rules and the Redis-down mode: no start without a proper signing key outside dev mode;
 * dev mode generates one; with Redis unreachable Strata still serves tokens (revocation falls back
 * to Postgres) and reports DEGRADED while staying ready.
 */
class StartupAndDegradedIT {

    @Test
    void refusesToStartWithoutASigningKeyOutsideDevMode() {
        RuntimeException missing = assertThrows(RuntimeException.class,
                () -> StrataInstance.start(Map.of("strata.jwt.secret", "")).close());
        assertTrue(rootMessage(missing).contains("STRATA_JWT_SECRET"), rootMessage(missing));
        RuntimeException tooShort = assertThrows(RuntimeException.class,
                () -> StrataInstance.start(Map.of("strata.jwt.secret", "short-key")).close());
        assertTrue(rootMessage(tooShort).contains("at least 32 bytes"), rootMessage(tooShort));
        RuntimeException algorithm = assertThrows(RuntimeException.class,
                () -> StrataInstance.start(Map.of("strata.jwt.algorithm", "none")).close());
        assertTrue(rootMessage(algorithm).contains("HS256"), rootMessage(algorithm));
    }

    @Test
    void devModeGeneratesAKeyAndStarts() {
        Map<String, Object> properties = StrataInstance.baseProperties();
        properties.put("strata.jwt.secret", "");
        properties.put("strata.demo-tenant", "dev-" + UUID.randomUUID().toString().substring(0, 8));
        try (ApplicationContext context = ApplicationContext.run(EmbeddedServer.class, properties, "dev", "test")
                .getApplicationContext()) {
            assertTrue(context.isRunning());
        }
    }

    @Test
    void withRedisDownTokensStillWorkAndHealthIsDegradedButReady() {
        try (StrataInstance instance = StrataInstance.start(Map.of("redis.uri", "redis://127.0.0.1:1"))) {
            TenantCreated tenant = Tenants.create(instance);
            String token = Tenants.adminToken(instance, tenant);
            assertEquals(200, instance.get("/v1/ping", token).status(), "revocation check falls back to Postgres");

            StrataInstance.Response created = instance.postJson("/v1/clients", token, "{\"name\":\"x\",\"scopes\":[\"cache:read\"]}");
            assertEquals(201, created.status());
            String doomed = Tenants.token(instance, created.json("clientId"), created.json("clientSecret"));
            assertEquals(204, instance.delete("/v1/clients/" + created.json("clientId"), token).status(), "delete works without Redis");
            assertEquals(401, instance.get("/v1/ping", doomed).status(), "and the deleted client is refused");

            StrataInstance.Response health = instance.get("/health", null);
            assertEquals(200, health.status(), health.body());
            assertTrue(health.body().contains("DEGRADED"), health.body());
            assertEquals(200, instance.get("/health/readiness", null).status());
            assertEquals(200, instance.get("/health/liveness", null).status());
        }
    }

    @Test
    void healthyInstanceReportsUp() {
        try (StrataInstance instance = StrataInstance.start()) {
            StrataInstance.Response health = instance.get("/health", null);
            assertEquals(200, health.status(), health.body());
            assertTrue(health.body().contains("\"UP\""), health.body());
            assertTrue(health.body().contains("redis") && health.body().contains("postgres"), health.body());
        }
    }

    private static String rootMessage(Throwable error) {
        StringBuilder messages = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append(" | ");
        }
        return messages.toString();
    }
}

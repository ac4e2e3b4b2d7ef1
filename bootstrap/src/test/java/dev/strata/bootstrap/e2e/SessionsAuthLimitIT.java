package dev.strata.bootstrap.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.application.identity.port.CreateTenantUseCase.TenantCreated;
import dev.strata.domain.shared.RedisServerProcess;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Policy {@code auth} with its default (5 per minute per client address, across tenants) guards login
 * and register; on a Redis of the test's own so that no other test's logins count.
 */
class SessionsAuthLimitIT extends SessionsFixturesIT {
    private static RedisServerProcess redis;
    private static StrataInstance a;
    private static String slug;

    @BeforeAll
    static void start() throws Exception {
        redis = RedisServerProcess.start();
        a = StrataInstance.start(Map.of("redis.uri", redis.uri()));
        TenantCreated tenant = Tenants.create(a);
        slug = a.context.getBean(dev.strata.domain.identity.port.TenantDirectory.class).findById(tenant.tenantId())
                .orElseThrow().slug().value();
    }

    @AfterAll
    static void stop() {
        a.close();
        redis.close();
    }

    @Test
    void theSixthLoginOrRegisterWithinAMinuteFromOneAddressIs429() {
        String email = newEmail();
        StrataInstance.Response first = a.postJson("/v1/auth/register", null, credentials(slug, email, PASSWORD));
        assertEquals(201, first.status(), first.body());
        assertEquals("5", first.header("RateLimit-Limit"));
        assertEquals("4", first.header("RateLimit-Remaining"));
        assertEquals(200, a.postJson("/v1/auth/login", null, credentials(slug, email, PASSWORD)).status());
        assertEquals(401, a.postJson("/v1/auth/login", null, credentials(slug, email, "wrong password!")).status());
        assertEquals(401, a.postJson("/v1/auth/login", null, credentials("no-such-tenant-x", email, PASSWORD)).status(),
                "counted across tenants");
        assertEquals(400, a.postJson("/v1/auth/register", null, credentials(slug, "not-an-email", PASSWORD)).status());

        StrataInstance.Response limited = a.postJson("/v1/auth/login", null, credentials(slug, email, PASSWORD));
        assertEquals(429, limited.status(), limited.body());
        assertTrue(limited.header("Content-Type").startsWith("application/problem+json"));
        long retryAfter = Long.parseLong(limited.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "retry after " + retryAfter);
        assertEquals("0", limited.header("RateLimit-Remaining"));
        assertEquals(429, a.postJson("/v1/auth/register", null, credentials(slug, newEmail(), PASSWORD)).status());
        assertEquals(202, a.postJson("/v1/auth/password-reset", null, "{\"tenant\":\"" + slug + "\",\"email\":\"" + email + "\"}").status(),
                "other auth routes are not counted");
    }
}

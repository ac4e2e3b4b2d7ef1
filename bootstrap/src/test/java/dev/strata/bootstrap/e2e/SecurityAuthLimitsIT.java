package dev.strata.bootstrap.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.application.identity.PasswordHashing;
import dev.strata.application.identity.port.CreateTenantUseCase.TenantCreated;
import java.net.http.HttpRequest;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The guards of the public auth routes: token per address and per client id, login per account, refresh,
 * password reset per address and per account, reset confirmation. The test's loopback peer is a trusted
 * proxy, so each test speaks from addresses of its own ({@code X-Forwarded-For}) and no test shares a bucket.
 */
class SecurityAuthLimitsIT extends SessionsFixturesIT {
    private static StrataInstance a;
    private static TenantCreated tenant;
    private static String slug;

    @BeforeAll
    static void start() {
        a = StrataInstance.start(props(Map.of(
                "strata.http.trusted-proxies", "127.0.0.1/32,::1/128",
                "strata.rate-limits.policies.auth-token.limit", 3,
                "strata.rate-limits.policies.auth-token-client.limit", 3,
                "strata.rate-limits.policies.auth-login-account.limit", 3,
                "strata.rate-limits.policies.auth-refresh.limit", 2,
                "strata.rate-limits.policies.auth-reset.limit", 3,
                "strata.rate-limits.policies.auth-reset-account.limit", 2,
                "strata.rate-limits.policies.auth-reset-confirm.limit", 2)));
        tenant = Tenants.create(a);
        slug = a.context.getBean(dev.strata.domain.identity.port.TenantDirectory.class).findById(tenant.tenantId())
                .orElseThrow().slug().value();
    }

    @AfterAll
    static void stop() {
        a.close();
    }

    /** A fresh client address (TEST-NET-2 / benchmarking ranges), so no other test or run shares its bucket. */
    private static String address() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "198." + (18 + r.nextInt(2)) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254));
    }

    private static StrataInstance.Response post(String from, String path, String contentType, String body) {
        return a.send(a.builder(path, null).header("Content-Type", contentType).header("X-Forwarded-For", from)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static StrataInstance.Response token(String from, String clientId, String secret) {
        return post(from, "/v1/auth/token", "application/x-www-form-urlencoded",
                "grant_type=client_credentials&client_id=" + clientId + "&client_secret=" + secret);
    }

    private static StrataInstance.Response json(String from, String path, String body) {
        return post(from, path, "application/json", body);
    }

    private static void assertLimited(StrataInstance.Response response, String limit) {
        assertEquals(429, response.status(), response.body());
        assertTrue(response.header("Content-Type").startsWith("application/problem+json"), response.body());
        assertTrue(Long.parseLong(response.header("Retry-After")) >= 1);
        assertEquals(limit, response.header("RateLimit-Limit"));
        assertEquals("0", response.header("RateLimit-Remaining"));
    }

    @Test
    void tokenRequestsAreLimitedPerAddressAndMalformedClientIdsCostNoHash() {
        PasswordHashing hashing = a.context.getBean(PasswordHashing.class);
        String from = address();
        long before = hashing.hashesStarted();
        for (String malformed : new String[] {"nope", "sc_tooShort", "sc_" + "%21".repeat(22)}) {
            StrataInstance.Response refused = token(from, malformed, "whatever");
            assertEquals(401, refused.status(), refused.body());
            assertEquals("urn:strata:problem:auth.invalid_client", refused.json("type"), refused.body());
        }
        assertEquals(before, hashing.hashesStarted(), "a malformed client id is refused without hashing");
        assertLimited(token(from, tenant.admin().clientId().value(), tenant.admin().clientSecret()), "3");
        assertEquals(before, hashing.hashesStarted(), "a limited request is refused before hashing");
        assertEquals(200, token(address(), tenant.admin().clientId().value(), tenant.admin().clientSecret()).status(),
                "another address has its own budget");
    }

    @Test
    void tokenRequestsAreLimitedPerClientIdFromAnyAddress() {
        TenantCreated own = Tenants.create(a);
        String clientId = own.admin().clientId().value();
        for (int i = 0; i < 3; i++) {
            assertEquals(401, token(address(), clientId, "wrong-secret-" + i).status());
        }
        assertLimited(token(address(), clientId, own.admin().clientSecret()), "3");
        TenantCreated other = Tenants.create(a);
        assertEquals(200, token(address(), other.admin().clientId().value(), other.admin().clientSecret()).status(),
                "another client has its own budget");
    }

    @Test
    void loginIsLimitedPerAccountWhicheverAddressItComesFrom() {
        String email = newEmail();
        register(a, slug, email);
        for (int i = 0; i < 3; i++) {
            assertEquals(401, json(address(), "/v1/auth/login", credentials(slug, email, "wrong password " + i)).status());
        }
        assertLimited(json(address(), "/v1/auth/login", credentials(slug, email, PASSWORD)), "3");
        String other = newEmail();
        register(a, slug, other);
        assertEquals(200, json(address(), "/v1/auth/login", credentials(slug, other, PASSWORD)).status(),
                "another account has its own budget");
        assertLimited(json(address(), "/v1/auth/login", credentials(slug, email.toUpperCase(java.util.Locale.ROOT), PASSWORD)), "3");
    }

    @Test
    void refreshIsLimitedPerAddress() {
        String from = address();
        String body = "{\"refreshToken\":\"" + tenant.tenantId() + ".not-a-real-token\"}";
        assertEquals(401, json(from, "/v1/auth/refresh", body).status());
        assertEquals(401, json(from, "/v1/auth/refresh", body).status());
        assertLimited(json(from, "/v1/auth/refresh", body), "2");
        assertEquals(401, json(address(), "/v1/auth/refresh", body).status(), "another address has its own budget");
    }

    @Test
    void passwordResetIsLimitedPerAddressAndPerAccount() {
        String x = address();
        String first = newEmail();
        String second = newEmail();
        String body1 = "{\"tenant\":\"" + slug + "\",\"email\":\"" + first + "\"}";
        String body2 = "{\"tenant\":\"" + slug + "\",\"email\":\"" + second + "\"}";
        assertEquals(202, json(x, "/v1/auth/password-reset", body1).status());
        assertEquals(202, json(x, "/v1/auth/password-reset", body1).status());
        assertLimited(json(x, "/v1/auth/password-reset", body1), "2");
        assertLimited(json(address(), "/v1/auth/password-reset", body1), "2");
        assertLimited(json(x, "/v1/auth/password-reset", body2), "3");
        assertEquals(202, json(address(), "/v1/auth/password-reset", body2).status());
    }

    @Test
    void passwordResetConfirmationIsLimitedPerAddress() {
        String from = address();
        String body = "{\"token\":\"" + tenant.tenantId() + ".not-a-real-token\",\"newPassword\":\"a new password 123\"}";
        assertEquals(400, json(from, "/v1/auth/password-reset/confirm", body).status());
        assertEquals(400, json(from, "/v1/auth/password-reset/confirm", body).status());
        assertLimited(json(from, "/v1/auth/password-reset/confirm", body), "2");
        StrataInstance.Response elsewhere = json(address(), "/v1/auth/password-reset/confirm", body);
        assertNotNull(elsewhere.body());
        assertEquals(400, elsewhere.status(), "another address has its own budget");
    }
}

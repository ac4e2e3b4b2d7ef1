package dev.strata.bootstrap.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.application.identity.port.CreateTenantUseCase.TenantCreated;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * End users over HTTP: register, login, me, refresh rotation and reuse detection, logout, lockout,
 * password reset, sessions CRUD, and bad input.
 */
class SessionsAuthFlowIT extends SessionsFixturesIT {
    private static StrataInstance a;
    private static ResetWebhookReceiver resets;
    private static TenantCreated tenant;
    private static String slug;
    private static String adminToken;

    @BeforeAll
    static void start() {
        resets = ResetWebhookReceiver.start();
        a = StrataInstance.start(props(resets.properties()));
        tenant = Tenants.create(a);
        slug = a.context.getBean(dev.strata.domain.identity.port.TenantDirectory.class).findById(tenant.tenantId())
                .orElseThrow().slug().value();
        adminToken = Tenants.adminToken(a, tenant);
    }

    @AfterAll
    static void stop() {
        a.close();
        resets.close();
    }

    @Test
    void registerLoginMeRefreshLogoutThen401() {
        String email = newEmail();
        String userId = register(a, slug, email);
        assertTrue(userId.startsWith("usr_"));

        StrataInstance.Response loginResponse = a.postJson("/v1/auth/login", null, credentials(slug, email.toUpperCase(), PASSWORD));
        assertEquals(200, loginResponse.status(), loginResponse.body());
        assertEquals("Bearer", loginResponse.json("tokenType"));
        assertEquals(900, number(loginResponse, "expiresIn"));
        assertEquals("no-store", loginResponse.header("Cache-Control"));
        assertNotNull(loginResponse.header("RateLimit-Limit"));
        Login login = new Login(loginResponse.json("accessToken"), loginResponse.json("refreshToken"), loginResponse.json("sessionId"));

        StrataInstance.Response me = a.get("/v1/auth/me", login.accessToken());
        assertEquals(200, me.status(), me.body());
        assertEquals(userId, me.json("userId"));
        assertEquals(email, me.json("email"));
        assertEquals(tenant.tenantId().toString(), me.json("tenantId"));
        assertEquals(login.sessionId(), me.json("sessionId"));

        StrataInstance.Response refreshed = a.postJson("/v1/auth/refresh", null, "{\"refreshToken\":\"" + login.refreshToken() + "\"}");
        assertEquals(200, refreshed.status(), refreshed.body());
        assertEquals(login.sessionId(), refreshed.json("sessionId"), "the session continues");
        assertNotEquals(login.refreshToken(), refreshed.json("refreshToken"));
        String access2 = refreshed.json("accessToken");
        assertEquals(200, a.get("/v1/auth/me", access2).status());

        assertEquals(204, a.postJson("/v1/auth/logout", access2, "").status());
        StrataInstance.Response after = a.get("/v1/auth/me", access2);
        assertEquals(401, after.status(), after.body());
        assertEquals(401, a.get("/v1/auth/me", login.accessToken()).status(), "every token of the session dies");
        assertEquals(401, a.postJson("/v1/auth/refresh", null, "{\"refreshToken\":\"" + refreshed.json("refreshToken") + "\"}").status(),
                "its refresh token too");
    }

    @Test
    void reusingASpentRefreshTokenEndsTheSession() {
        String email = newEmail();
        register(a, slug, email);
        Login login = login(a, slug, email, PASSWORD);
        StrataInstance.Response first = a.postJson("/v1/auth/refresh", null, "{\"refreshToken\":\"" + login.refreshToken() + "\"}");
        assertEquals(200, first.status());
        StrataInstance.Response reuse = a.postJson("/v1/auth/refresh", null, "{\"refreshToken\":\"" + login.refreshToken() + "\"}");
        assertEquals(401, reuse.status(), reuse.body());
        assertEquals(401, a.postJson("/v1/auth/refresh", null, "{\"refreshToken\":\"" + first.json("refreshToken") + "\"}").status(),
                "the thief's (or the owner's) newer token is dead too");
        assertEquals(401, a.get("/v1/auth/me", first.json("accessToken")).status(), "the session ended");
        assertEquals(401, a.get("/v1/auth/me", login.accessToken()).status());
        assertEquals(401, a.postJson("/v1/auth/refresh", null, "{\"refreshToken\":\"not-a-token\"}").status());
        assertEquals(401, a.postJson("/v1/auth/refresh", null,
                "{\"refreshToken\":\"" + tenant.tenantId() + ".AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"}").status());
    }

    @Test
    void wrongPasswordAndUnknownEmailGetTheSameAnswer() {
        String email = newEmail();
        register(a, slug, email);
        StrataInstance.Response wrong = a.postJson("/v1/auth/login", null, credentials(slug, email, "not the password!"));
        StrataInstance.Response unknown = a.postJson("/v1/auth/login", null, credentials(slug, newEmail(), "not the password!"));
        StrataInstance.Response noTenant = a.postJson("/v1/auth/login", null, credentials("no-such-tenant-x", email, "not the password!"));
        assertEquals(401, wrong.status());
        assertEquals(401, unknown.status());
        assertEquals(401, noTenant.status());
        assertEquals(stable(wrong.body()), stable(unknown.body()));
        assertEquals(stable(wrong.body()), stable(noTenant.body()));
        assertEquals(wrong.header("Content-Type"), unknown.header("Content-Type"));
    }

    @Test
    void fiveFailuresLockTheAccountEvenForTheRightPassword() {
        String email = newEmail();
        register(a, slug, email);
        for (int i = 0; i < 5; i++) {
            assertEquals(401, a.postJson("/v1/auth/login", null, credentials(slug, email, "wrong password " + i)).status());
        }
        StrataInstance.Response locked = a.postJson("/v1/auth/login", null, credentials(slug, email, PASSWORD));
        assertEquals(423, locked.status(), locked.body());
        long retryAfter = Long.parseLong(locked.header("Retry-After"));
        assertTrue(retryAfter > 800 && retryAfter <= 901, "about 15 minutes: " + retryAfter);
        assertTrue(locked.header("Content-Type").startsWith("application/problem+json"));
    }

    @Test
    void twoHundredParallelWrongPasswordsGetAtMostFivePasswordChecks() {
        String email = newEmail();
        register(a, slug, email);
        List<String> bodies = Collections.nCopies(200, credentials(slug, email, "wrong password !!"));
        List<Integer> statuses = parallelPosts(a, "/v1/auth/login", null, bodies);
        long checked = statuses.stream().filter(s -> s == 401).count();
        long locked = statuses.stream().filter(s -> s == 423).count();
        long busy = statuses.stream().filter(s -> s == 503).count();
        // a loaded machine may shed a few requests with 503 + Retry-After; none may get a sixth check
        assertTrue(checked <= 5, "statuses: " + statuses);
        assertEquals(200, checked + locked + busy, "only 401, 423 or 503: " + statuses);
        assertTrue(locked >= 150, "the lock answered the rest: " + statuses);
        assertEquals(423, a.postJson("/v1/auth/login", null, credentials(slug, email, PASSWORD)).status());
    }

    @Test
    void passwordResetIsSingleUseEndsSessionsAndClearsTheLockout() {
        String email = newEmail();
        register(a, slug, email);
        Login login = login(a, slug, email, PASSWORD);
        for (int i = 0; i < 5; i++) {
            a.postJson("/v1/auth/login", null, credentials(slug, email, "wrong password " + i));
        }
        assertEquals(423, a.postJson("/v1/auth/login", null, credentials(slug, email, PASSWORD)).status());

        assertEquals(202, a.postJson("/v1/auth/password-reset", null, "{\"tenant\":\"" + slug + "\",\"email\":\"" + email + "\"}").status());
        String token = resets.awaitToken(email);
        assertNotNull(token, "the mailer's webhook received the token");
        String newPassword = "a brand new passphrase";
        assertEquals(204, a.postJson("/v1/auth/password-reset/confirm", null,
                "{\"token\":\"" + token + "\",\"newPassword\":\"" + newPassword + "\"}").status());
        assertEquals(401, a.get("/v1/auth/me", login.accessToken()).status(), "sessions ended");
        StrataInstance.Response again = a.postJson("/v1/auth/password-reset/confirm", null,
                "{\"token\":\"" + token + "\",\"newPassword\":\"yet another passphrase\"}");
        assertEquals(400, again.status(), "single use");
        assertEquals(401, a.postJson("/v1/auth/login", null, credentials(slug, email, PASSWORD)).status(), "old password gone");
        assertEquals(200, a.postJson("/v1/auth/login", null, credentials(slug, email, newPassword)).status(), "lockout cleared");

        String unknown = newEmail();
        assertEquals(202, a.postJson("/v1/auth/password-reset", null, "{\"tenant\":\"" + slug + "\",\"email\":\"" + unknown + "\"}").status());
        assertEquals(202, a.postJson("/v1/auth/password-reset", null, "{\"tenant\":\"no-such-tenant-x\",\"email\":\"" + unknown + "\"}").status());
        assertNull(resets.tokens.get(unknown));
        assertEquals(400, a.postJson("/v1/auth/password-reset/confirm", null,
                "{\"token\":\"garbage\",\"newPassword\":\"yet another passphrase\"}").status());
    }

    @Test
    void ofConcurrentRedemptionsOfOneResetTokenExactlyOneSucceeds() {
        String email = newEmail();
        register(a, slug, email);
        a.postJson("/v1/auth/password-reset", null, "{\"tenant\":\"" + slug + "\",\"email\":\"" + email + "\"}");
        String token = resets.awaitToken(email);
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            bodies.add("{\"token\":\"" + token + "\",\"newPassword\":\"concurrent passphrase " + i + "\"}");
        }
        List<Integer> statuses = parallelPosts(a, "/v1/auth/password-reset/confirm", null, bodies);
        assertEquals(1, statuses.stream().filter(s -> s == 204).count(), "statuses: " + statuses);
        assertTrue(statuses.stream().allMatch(s -> s == 204 || s == 400 || s == 503), "statuses: " + statuses);
    }

    @Test
    void sessionsCrudListAndEndAll() {
        String user = "customer-" + System.nanoTime();
        StrataInstance.Response created = a.postJson("/v1/sessions", adminToken,
                "{\"userId\":\"" + user + "\",\"data\":{\"cart\":[1,2],\"theme\":\"dark\"},\"ttlSeconds\":600}");
        assertEquals(201, created.status(), created.body());
        String id = created.json("id");
        assertTrue(created.body().contains("\"cart\":[1,2]"), created.body());

        StrataInstance.Response read = a.get("/v1/sessions/" + id, adminToken);
        assertEquals(200, read.status());
        assertEquals(user, read.json("userId"));

        StrataInstance.Response patched = a.send(a.builder("/v1/sessions/" + id, adminToken)
                .header("Content-Type", "application/merge-patch+json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"theme\":null,\"cart\":[3],\"lang\":\"fr\"}")));
        assertEquals(200, patched.status(), patched.body());
        assertTrue(patched.body().contains("\"cart\":[3]") && patched.body().contains("\"lang\":\"fr\""), patched.body());
        assertFalse(patched.body().contains("theme"), patched.body());

        String second = a.postJson("/v1/sessions", adminToken, "{\"userId\":\"" + user + "\"}").json("id");
        StrataInstance.Response list = a.get("/v1/sessions?userId=" + user, adminToken);
        assertEquals(200, list.status());
        assertTrue(list.body().contains(id) && list.body().contains(second), list.body());
        assertTrue(list.body().contains("\"nextCursor\":null"), list.body());

        assertEquals(204, a.delete("/v1/sessions/" + id, adminToken).status());
        assertEquals(404, a.get("/v1/sessions/" + id, adminToken).status());
        assertEquals(404, a.delete("/v1/sessions/" + id, adminToken).status());

        StrataInstance.Response ended = a.delete("/v1/sessions?userId=" + user, adminToken);
        assertEquals(200, ended.status(), ended.body());
        assertEquals(1, number(ended, "ended"));
        assertEquals(404, a.get("/v1/sessions/" + second, adminToken).status());
    }

    @Test
    void deletingALoginSessionOrEndingAllKillsItsTokens() {
        String email = newEmail();
        String userId = register(a, slug, email);
        Login one = login(a, slug, email, PASSWORD);
        Login two = login(a, slug, email, PASSWORD);
        assertEquals(204, a.delete("/v1/sessions/" + one.sessionId(), adminToken).status());
        assertEquals(401, a.get("/v1/auth/me", one.accessToken()).status());
        assertEquals(200, a.get("/v1/auth/me", two.accessToken()).status());
        assertEquals(1, number(a.delete("/v1/sessions?userId=" + userId, adminToken), "ended"));
        assertEquals(401, a.get("/v1/auth/me", two.accessToken()).status());
    }

    @Test
    void badInputIs400WithProblemBodies() {
        for (String email : new String[] {"plainaddress", "@no-local.org", "two@@example.org", "spaces in@example.org", "x@nodot", ""}) {
            StrataInstance.Response response = a.postJson("/v1/auth/register", null, credentials(slug, email, PASSWORD));
            assertEquals(400, response.status(), email + ": " + response.body());
            assertTrue(response.body().contains("email"), response.body());
        }
        String nine = "123456789";
        String long129 = "x".repeat(129);
        for (String password : new String[] {nine, long129}) {
            StrataInstance.Response register = a.postJson("/v1/auth/register", null, credentials(slug, newEmail(), password));
            assertEquals(400, register.status(), register.body());
            assertTrue(register.body().contains("password"));
            assertEquals(400, a.postJson("/v1/auth/login", null, credentials(slug, newEmail(), password)).status());
        }
        assertEquals(201, a.postJson("/v1/auth/register", null, credentials(slug, newEmail(), "x".repeat(10))).status(), "10 is fine");
        assertEquals(201, a.postJson("/v1/auth/register", null, credentials(slug, newEmail(), "x".repeat(128))).status(), "128 is fine");
        String taken = newEmail();
        register(a, slug, taken);
        assertEquals(409, a.postJson("/v1/auth/register", null, credentials(slug, taken.toUpperCase(), PASSWORD)).status());
        assertEquals(400, a.postJson("/v1/auth/register", null, credentials("no-such-tenant-x", newEmail(), PASSWORD)).status());
        assertEquals(400, a.postJson("/v1/auth/register", null, "{\"tenant\":\"" + slug + "\"}").status());
        assertEquals(400, a.postJson("/v1/auth/login", null, "{\"tenant\":").status());
        assertEquals(400, a.postJson("/v1/auth/refresh", null, "{}").status());
        assertEquals(400, a.postJson("/v1/auth/password-reset", null, "{\"tenant\":\"" + slug + "\",\"email\":\"nope\"}").status());
        assertEquals(400, a.postJson("/v1/auth/password-reset/confirm", null, "{\"token\":\"x\",\"newPassword\":\"short\"}").status());

        assertEquals(400, a.postJson("/v1/sessions", adminToken, "{\"data\":{}}").status(), "userId is required");
        assertEquals(400, a.postJson("/v1/sessions", adminToken, "{\"userId\":\"u\",\"ttlSeconds\":0}").status());
        assertEquals(400, a.postJson("/v1/sessions", adminToken, "{\"userId\":\"u\",\"ttlSeconds\":\"soon\"}").status());
        assertEquals(400, a.postJson("/v1/sessions", adminToken, "{\"userId\":\"  \"}").status());
        assertEquals(404, a.get("/v1/sessions/not-a-session", adminToken).status());
        String id = a.postJson("/v1/sessions", adminToken, "{\"userId\":\"u\"}").json("id");
        assertEquals(400, a.send(a.builder("/v1/sessions/" + id, adminToken).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"a\":"))).status());
        assertEquals(400, a.get("/v1/sessions", adminToken).status(), "userId is required to list");
        assertEquals(400, a.get("/v1/sessions?userId=u&limit=501", adminToken).status());

        String narrow = Tenants.adminToken(a, tenant, "sessions:read");
        assertEquals(403, a.postJson("/v1/sessions", narrow, "{\"userId\":\"u\"}").status());
        assertEquals(403, a.get("/v1/auth/me", adminToken).status(), "/me is for end users");
        assertEquals(401, a.get("/v1/auth/me", null).status());
        assertEquals(401, a.postJson("/v1/auth/logout", null, "").status());
    }

    @Test
    void rateLimitPoliciesAndDecisions() {
        StrataInstance.Response put = a.send(a.builder("/v1/rate-limits/api-calls", adminToken).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"limit\":3,\"windowSeconds\":60}")));
        assertEquals(200, put.status(), put.body());
        assertEquals("sliding-window", put.json("algorithm"));
        for (int i = 0; i < 3; i++) {
            StrataInstance.Response ok = a.postJson("/v1/rate-limits/api-calls/consume", adminToken, "{\"key\":\"client-1\"}");
            assertEquals(200, ok.status(), ok.body());
            assertTrue(ok.body().contains("\"allowed\":true"));
            assertEquals(2 - i, number(ok, "remaining"));
            assertEquals("3", ok.header("RateLimit-Limit"));
            assertEquals(Integer.toString(2 - i), ok.header("RateLimit-Remaining"));
            assertNotNull(ok.header("RateLimit-Reset"));
        }
        StrataInstance.Response refused = a.postJson("/v1/rate-limits/api-calls/consume", adminToken, "{\"key\":\"client-1\"}");
        assertEquals(429, refused.status());
        assertTrue(refused.body().contains("\"allowed\":false"), refused.body());
        assertTrue(Long.parseLong(refused.header("Retry-After")) >= 1);
        assertNotNull(refused.json("resetAt"));

        StrataInstance.Response bucket = a.send(a.builder("/v1/rate-limits/bucket", adminToken).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"limit\":2,\"windowSeconds\":60,\"algorithm\":\"token-bucket\"}")));
        assertEquals(200, bucket.status());
        assertEquals(200, a.postJson("/v1/rate-limits/bucket/consume", adminToken, "{\"key\":\"k\",\"cost\":2}").status());
        assertEquals(429, a.postJson("/v1/rate-limits/bucket/consume", adminToken, "{\"key\":\"k\"}").status());

        assertEquals(404, a.postJson("/v1/rate-limits/never-defined/consume", adminToken, "{\"key\":\"k\"}").status());
        assertEquals(400, a.postJson("/v1/rate-limits/api-calls/consume", adminToken, "{\"key\":\"k\",\"cost\":0}").status());
        assertEquals(400, a.postJson("/v1/rate-limits/api-calls/consume", adminToken, "{}").status());
        assertEquals(400, a.postJson("/v1/rate-limits/api-calls/consume", adminToken, "{\"key\":\"k\",\"cost\":\"2\"}").status(), "no coercion");
        assertEquals(400, a.postJson("/v1/rate-limits/api-calls/consume", adminToken, "{\"key\":\"k\",\"cost\":1.5}").status());
        assertEquals(400, a.postJson("/v1/rate-limits/Bad!Name/consume", adminToken, "{\"key\":\"k\"}").status());
        for (String body : new String[] {"{\"limit\":0,\"windowSeconds\":60}", "{\"limit\":5,\"windowSeconds\":0}",
                "{\"limit\":5,\"windowSeconds\":60,\"algorithm\":\"leaky\"}", "{\"windowSeconds\":60}", "{\"limit\":\"many\",\"windowSeconds\":60}",
                "{\"limit\":\"5\",\"windowSeconds\":60}", "{\"limit\":true,\"windowSeconds\":60}"}) {
            StrataInstance.Response bad = a.send(a.builder("/v1/rate-limits/p1", adminToken).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(body)));
            assertEquals(400, bad.status(), body + " -> " + bad.body());
        }
        String narrow = Tenants.adminToken(a, tenant, "cache:read");
        assertEquals(403, a.postJson("/v1/rate-limits/api-calls/consume", narrow, "{\"key\":\"k\"}").status());
    }
}

package dev.strata.bootstrap.e2e;

import static dev.strata.bootstrap.e2e.ForgedTokens.b64;
import static dev.strata.bootstrap.e2e.ForgedTokens.sign;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.application.identity.port.CreateTenantUseCase.TenantCreated;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The identity slice end to end, over HTTP, on two instances sharing one Redis and one Postgres:
 * tokens from either work on both, deleted clients are refused by both at once, forged and
 * expired tokens are refused, scopes are enforced, and tenants never see each other.
 */
class IdentityEndToEndIT {
    private static StrataInstance a;
    private static StrataInstance b;
    private static TenantCreated tenant;
    private static String adminToken;

    @BeforeAll
    static void start() {
        a = StrataInstance.start();
        b = StrataInstance.start();
        tenant = Tenants.create(a);
        adminToken = Tenants.adminToken(a, tenant);
    }

    @AfterAll
    static void stop() {
        a.close();
        b.close();
    }

    @Test
    void aTokenFromEitherInstanceWorksOnBoth() {
        String fromB = Tenants.adminToken(b, tenant);
        for (StrataInstance instance : new StrataInstance[] {a, b}) {
            for (String token : new String[] {adminToken, fromB}) {
                StrataInstance.Response ping = instance.get("/v1/ping", token);
                assertEquals(200, ping.status(), ping.body());
                assertEquals(tenant.tenantId().toString(), ping.json("tenantId"));
            }
        }
    }

    @Test
    void deletingAClientKillsItsTokensAtOnceOnEveryInstance() {
        StrataInstance.Response created = a.postJson("/v1/clients", adminToken, "{\"name\":\"doomed\",\"scopes\":[\"cache:read\"]}");
        assertEquals(201, created.status(), created.body());
        String clientId = created.json("clientId");
        String token = Tenants.token(b, clientId, created.json("clientSecret"));
        assertEquals(200, a.get("/v1/ping", token).status());
        assertEquals(200, b.get("/v1/ping", token).status());

        assertEquals(204, a.delete("/v1/clients/" + clientId, adminToken).status());

        StrataInstance.Response onA = a.get("/v1/ping", token);
        StrataInstance.Response onB = b.get("/v1/ping", token);
        assertEquals(401, onA.status(), onA.body());
        assertEquals(401, onB.status(), onB.body());
        assertTrue(onB.header("Content-Type").startsWith("application/problem+json"));
        assertEquals(401, b.postForm("/v1/auth/token", "grant_type=client_credentials&client_id=" + clientId
                + "&client_secret=" + created.json("clientSecret")).status(), "a deleted client gets no new token");
        assertEquals(404, b.delete("/v1/clients/" + clientId, adminToken).status(), "deleting twice: 404");
    }

    @Test
    void forgedExpiredAndMalformedTokensAre401() {
        String[] parts = adminToken.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        long now = Instant.now().getEpochSecond();
        String noneHeader = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        String hs512Header = b64("{\"alg\":\"HS512\",\"typ\":\"JWT\"}");
        String hs256Header = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        String expired = payload.replaceAll("\"iat\":\\d+", "\"iat\":" + (now - 7200)).replaceAll("\"exp\":\\d+", "\"exp\":" + (now - 3600));
        String future = payload.replaceAll("\"iat\":\\d+", "\"iat\":" + (now + 3600)).replaceAll("\"exp\":\\d+", "\"exp\":" + (now + 7200));
        String otherIssuer = payload.replace("\"iss\":\"strata\"", "\"iss\":\"evil\"");
        String[] forged = {
            noneHeader + "." + parts[1] + ".",
            noneHeader + "." + parts[1] + "." + parts[2],
            hs512Header + "." + parts[1] + "." + sign(hs512Header + "." + parts[1], "HmacSHA512", StrataInstance.JWT_SECRET),
            parts[0] + "." + parts[1] + "." + sign(parts[0] + "." + parts[1], "HmacSHA256", "another-key-another-key-another-key!!"),
            signed(hs256Header, expired),
            signed(hs256Header, future),
            signed(hs256Header, otherIssuer),
            signed(hs256Header, payload.replaceAll(",\"jti\":\"[^\"]+\"", "")),
            parts[0] + "." + b64(payload.replace("\"scope\":\"", "\"scope\":\"admin ")) + "." + parts[2],
            "not-a-jwt",
            parts[0] + "." + parts[1],
        };
        for (String token : forged) {
            StrataInstance.Response response = a.get("/v1/ping", token);
            assertEquals(401, response.status(), "must refuse " + token + " but got " + response.body());
            assertTrue(response.header("WWW-Authenticate").startsWith("Bearer"));
        }
        assertEquals(200, a.get("/v1/ping", signed(hs256Header, payload)).status(), "control: a correctly signed token passes");
    }

    @Test
    void missingTokenIs401AndMissingScopeIs403() {
        StrataInstance.Response none = a.get("/v1/clients", null);
        assertEquals(401, none.status());
        assertTrue(none.header("Content-Type").startsWith("application/problem+json"));
        assertNotNull(none.header("X-Request-Id"), "401s carry a request id too");

        String narrow = Tenants.adminToken(a, tenant, "cache:read");
        StrataInstance.Response forbidden = a.get("/v1/clients", narrow);
        assertEquals(403, forbidden.status(), forbidden.body());
        assertTrue(forbidden.body().contains("auth.insufficient_scope"));
    }

    @Test
    void badClientCredentialsAndGrantsAreRefused() {
        String id = tenant.admin().clientId().value();
        assertEquals(401, a.postForm("/v1/auth/token", "grant_type=client_credentials&client_id=" + id + "&client_secret=wrong").status());
        assertEquals(401, a.postForm("/v1/auth/token", "grant_type=client_credentials&client_id=sc_unknownunknownunknow&client_secret=x").status());
        assertEquals(401, a.postForm("/v1/auth/token", "grant_type=client_credentials").status());
        assertEquals(400, a.postForm("/v1/auth/token", "grant_type=password&client_id=" + id + "&client_secret=x").status());
        assertEquals(400, a.postForm("/v1/auth/token", "grant_type=client_credentials&client_id=" + id
                + "&client_secret=" + tenant.admin().clientSecret() + "&scope=user").status(), "scope not held");
        StrataInstance.Response json = a.postJson("/v1/auth/token", null, "{\"grant_type\":\"client_credentials\",\"client_id\":\""
                + id + "\",\"client_secret\":\"" + tenant.admin().clientSecret() + "\"}");
        assertEquals(200, json.status(), "JSON form of the grant: " + json.body());
        assertEquals("no-store", json.header("Cache-Control"));
    }

    @Test
    void tenantsNeverSeeEachOthersClients() {
        TenantCreated other = Tenants.create(b);
        String otherToken = Tenants.adminToken(b, other);
        StrataInstance.Response mine = a.get("/v1/clients?limit=500", adminToken);
        StrataInstance.Response theirs = b.get("/v1/clients?limit=500", otherToken);
        assertTrue(mine.body().contains(tenant.admin().clientId().value()));
        assertFalse(mine.body().contains(other.admin().clientId().value()), "A must not list B's clients");
        assertTrue(theirs.body().contains(other.admin().clientId().value()));
        assertFalse(theirs.body().contains(tenant.admin().clientId().value()), "B must not list A's clients");
        assertEquals(404, a.delete("/v1/clients/" + other.admin().clientId().value(), adminToken).status(), "A cannot delete B's client");
        assertEquals(404, b.delete("/v1/clients/" + tenant.admin().clientId().value(), otherToken).status(), "B cannot delete A's client");
        assertEquals(200, b.get("/v1/ping", otherToken).status(), "B's admin still works");
    }

    @Test
    void clientsArePagedWithAnOpaqueCursor() {
        for (int i = 0; i < 3; i++) {
            assertEquals(201, a.postJson("/v1/clients", adminToken, "{\"name\":\"page-" + i + "\",\"scopes\":[\"cache:read\"]}").status());
        }
        StrataInstance.Response first = a.get("/v1/clients?limit=2", adminToken);
        assertEquals(200, first.status(), first.body());
        String cursor = first.json("nextCursor");
        assertNotNull(cursor, first.body());
        StrataInstance.Response second = a.get("/v1/clients?limit=2&cursor=" + cursor, adminToken);
        assertEquals(200, second.status());
        assertFalse(second.body().contains(first.body().substring(first.body().indexOf("sc_"), first.body().indexOf("sc_") + 25)));
        assertEquals(400, a.get("/v1/clients?limit=0", adminToken).status());
        assertEquals(400, a.get("/v1/clients?limit=501", adminToken).status());
        assertEquals(400, a.get("/v1/clients?cursor=!!!", adminToken).status());
    }

    @Test
    void badClientRequestsGetProblemBodies() {
        StrataInstance.Response unknownScope = a.postJson("/v1/clients", adminToken, "{\"name\":\"x\",\"scopes\":[\"root\"]}");
        assertEquals(400, unknownScope.status());
        assertTrue(unknownScope.body().contains("scopes"), unknownScope.body());
        assertEquals(400, a.postJson("/v1/clients", adminToken, "{\"name\":\"x\",\"scopes\":[]}").status());
        assertEquals(400, a.postJson("/v1/clients", adminToken, "{\"scopes\":[\"cache:read\"]}").status());
        assertEquals(400, a.postJson("/v1/clients", adminToken, "{\"name\":\"x\",\"scopes\":[\"user\"]}").status());
        assertEquals(400, a.postJson("/v1/clients", adminToken, "{\"name\":").status());
        assertEquals(404, a.delete("/v1/clients/not-a-client-id", adminToken).status());
    }

    private static String signed(String header, String payloadJson) {
        String input = header + "." + b64(payloadJson);
        return input + "." + sign(input, "HmacSHA256", StrataInstance.JWT_SECRET);
    }
}

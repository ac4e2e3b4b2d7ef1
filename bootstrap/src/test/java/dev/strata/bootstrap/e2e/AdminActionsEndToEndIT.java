package dev.strata.bootstrap.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.application.identity.port.CreateTenantUseCase.TenantCreated;
import java.net.http.HttpRequest;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's actions over HTTP: invalidation by namespace and by tag, the audit log (pages, tenant isolation
 * both ways, dead-letter replays recorded), bad input as 400 problems naming the field, scopes, and the page's
 * strict headers.
 */
class AdminActionsEndToEndIT {
    private static StrataInstance instance;

    @BeforeAll
    static void start() {
        instance = StrataInstance.start();
    }

    @AfterAll
    static void stop() {
        instance.close();
    }

    private static void put(String token, String namespace, String key, String tags) {
        StrataInstance.Response response = instance.send(instance.builder("/v1/cache/" + namespace + "/" + key
                + (tags == null ? "" : "?tags=" + tags), token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"v\":1}")));
        assertEquals(204, response.status(), response.body());
    }

    private static StrataInstance.Response invalidate(String token, String body) {
        return instance.postJson("/v1/admin/cache/invalidate", token, body);
    }

    @Test
    void invalidatesATagOrAWholeNamespaceOfTheCallersTenantOnlyAndAuditsBoth() {
        TenantCreated a = Tenants.create(instance);
        TenantCreated b = Tenants.create(instance);
        String tokenA = Tenants.adminToken(instance, a);
        String tokenB = Tenants.adminToken(instance, b);
        String ns = "products-" + UUID.randomUUID().toString().substring(0, 8);
        for (String token : new String[] {tokenA, tokenB}) {
            put(token, ns, "k1", "red");
            put(token, ns, "k2", null);
            put(token, ns, "k3", null);
        }

        StrataInstance.Response tagged = invalidate(tokenA, "{\"namespace\":\"" + ns + "\",\"tag\":\"red\"}");
        assertEquals(200, tagged.status(), tagged.body());
        assertTrue(tagged.body().contains("\"invalidated\":1"), tagged.body());
        assertEquals(404, instance.get("/v1/cache/" + ns + "/k1", tokenA).status());
        assertEquals(200, instance.get("/v1/cache/" + ns + "/k2", tokenA).status());

        StrataInstance.Response whole = invalidate(tokenA, "{\"namespace\":\"" + ns + "\"}");
        assertEquals(200, whole.status(), whole.body());
        assertTrue(whole.body().contains("\"invalidated\":2"), whole.body());
        assertEquals(404, instance.get("/v1/cache/" + ns + "/k2", tokenA).status());
        assertEquals(404, instance.get("/v1/cache/" + ns + "/k3", tokenA).status());
        for (String key : new String[] {"k1", "k2", "k3"}) {
            assertEquals(200, instance.get("/v1/cache/" + ns + "/" + key, tokenB).status(), "tenant B's " + key + " untouched");
        }

        StrataInstance.Response auditA = instance.get("/v1/admin/audit", tokenA);
        assertEquals(200, auditA.status(), auditA.body());
        assertEquals("no-store", auditA.header("Cache-Control"));
        int namespaceAt = auditA.body().indexOf("\"action\":\"cache.invalidate-namespace\"");
        int tagAt = auditA.body().indexOf("\"action\":\"cache.invalidate-tag\"");
        assertTrue(namespaceAt >= 0 && tagAt > namespaceAt, "newest first: " + auditA.body());
        assertTrue(auditA.body().contains("\"target\":\"" + ns + "#red\""), auditA.body());
        assertTrue(auditA.body().contains("\"actor\":\"" + a.admin().clientId().value() + "\""), auditA.body());
        assertTrue(auditA.body().contains("\"outcome\":\"succeeded\""), auditA.body());
        assertFalse(auditA.body().contains(tokenA) || auditA.body().contains(a.admin().clientSecret()), "no credential in the log");

        // B did nothing: its log is empty, and A's records are not visible to it — and B's action not to A
        assertTrue(instance.get("/v1/admin/audit", tokenB).body().contains("\"items\":[]"));
        assertEquals(200, invalidate(tokenB, "{\"namespace\":\"" + ns + "\",\"tag\":\"red\"}").status());
        String auditB = instance.get("/v1/admin/audit", tokenB).body();
        assertTrue(auditB.contains(b.admin().clientId().value()) && !auditB.contains(a.admin().clientId().value()), auditB);
        assertFalse(instance.get("/v1/admin/audit", tokenA).body().contains(b.admin().clientId().value()));
    }

    @Test
    void theAuditPagesWithACursor() {
        TenantCreated tenant = Tenants.create(instance);
        String token = Tenants.adminToken(instance, tenant);
        for (int i = 0; i < 3; i++) {
            assertEquals(200, invalidate(token, "{\"namespace\":\"page-" + i + "\"}").status());
        }
        StrataInstance.Response first = instance.get("/v1/admin/audit?limit=2", token);
        assertTrue(first.body().contains("\"target\":\"page-2\"") && first.body().contains("\"target\":\"page-1\""), first.body());
        String cursor = first.json("nextCursor");
        StrataInstance.Response second = instance.get("/v1/admin/audit?limit=2&cursor=" + cursor, token);
        assertTrue(second.body().contains("\"target\":\"page-0\"") && !second.body().contains("page-1"), second.body());
        assertNull(second.json("nextCursor"));
    }

    @Test
    void everyDeadLetterReplayIsAuditedWithItsOutcome() {
        TenantCreated tenant = Tenants.create(instance);
        String token = Tenants.adminToken(instance, tenant);
        StrataInstance.Response replay = instance.postJson("/v1/topics/orders/groups/billing/dead-letters/42-0/replay", token, "");
        assertEquals(404, replay.status(), replay.body());
        String audit = instance.get("/v1/admin/audit", token).body();
        assertTrue(audit.contains("\"action\":\"events.replay-dead-letter\"") && audit.contains("\"target\":\"orders/billing/42-0\"")
                && audit.contains("\"outcome\":\"failed\"") && audit.contains("\"detail\":\"404\""), audit);
        // refused before it ran (no token): nothing to audit, and nothing anywhere for the anonymous caller
        assertEquals(401, instance.postJson("/v1/topics/orders/groups/billing/dead-letters/42-0/replay", null, "").status());
        assertEquals(1, instance.get("/v1/admin/audit", token).body().split("events.replay-dead-letter", -1).length - 1);
    }

    @Test
    void badInputIsA400ProblemNamingTheField() {
        TenantCreated tenant = Tenants.create(instance);
        String token = Tenants.adminToken(instance, tenant);
        String[][] cases = {
            {"{}", "namespace"},
            {"{\"tag\":\"red\"}", "namespace"},
            {"{\"namespace\":\"Not A Name!\"}", "namespace"},
            {"{\"namespace\":\"products\",\"tag\":\"bad tag\"}", "tag"},
            {"{\"namespace\":\"\"}", "namespace"},
        };
        for (String[] c : cases) {
            StrataInstance.Response response = invalidate(token, c[0]);
            assertEquals(400, response.status(), c[0] + " -> " + response.body());
            assertTrue(response.header("Content-Type").startsWith("application/problem+json"), c[0]);
            assertTrue(response.body().contains(c[1]), c[0] + " names " + c[1] + ": " + response.body());
        }
        StrataInstance.Response notJson = invalidate(token, "not json");
        assertEquals(400, notJson.status(), notJson.body());
        for (String query : new String[] {"?limit=0", "?limit=501", "?cursor=%25%25%25", "?cursor=bm90LWEtbnVtYmVy"}) {
            StrataInstance.Response response = instance.get("/v1/admin/audit" + query, token);
            assertEquals(400, response.status(), query + " -> " + response.body());
            assertTrue(response.body().contains(query.contains("limit") ? "limit" : "cursor"), response.body());
        }
    }

    @Test
    void withRedisDownAnInvalidationStillRunsAndIsAudited() {
        try (StrataInstance degraded = StrataInstance.start(java.util.Map.of("redis.uri", "redis://127.0.0.1:1"))) {
            TenantCreated tenant = Tenants.create(degraded);
            String token = Tenants.adminToken(degraded, tenant);
            StrataInstance.Response invalidated = degraded.postJson("/v1/admin/cache/invalidate", token, "{\"namespace\":\"products\"}");
            assertEquals(200, invalidated.status(), "queued for Redis, applied to Postgres and this instance: " + invalidated.body());
            StrataInstance.Response audit = degraded.get("/v1/admin/audit", token);
            assertEquals(200, audit.status(), audit.body());
            assertTrue(audit.body().contains("\"action\":\"cache.invalidate-namespace\"")
                    && audit.body().contains("\"outcome\":\"succeeded\""), audit.body());
        }
    }

    @Test
    void theActionsNeedAnAdminToken() {
        TenantCreated tenant = Tenants.create(instance);
        String narrow = Tenants.adminToken(instance, tenant, "cache:read cache:write");
        assertEquals(401, invalidate(null, "{\"namespace\":\"products\"}").status());
        assertEquals(403, invalidate(narrow, "{\"namespace\":\"products\"}").status());
        assertEquals(401, instance.get("/v1/admin/audit", null).status());
        assertEquals(403, instance.get("/v1/admin/audit", narrow).status());
    }

    @Test
    void thePageIsServedFromTheJarWithStrictHeaders() {
        StrataInstance.Response page = instance.get("/admin/", null);
        assertEquals(200, page.status());
        assertTrue(page.body().contains("<script src=\"/admin/dashboard.js\""), page.body());
        assertFalse(page.body().contains("<script>") || page.body().contains("style=\""), "no inline script or style");
        String csp = page.header("Content-Security-Policy");
        assertTrue(csp != null && csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'"), csp);
        assertEquals("DENY", page.header("X-Frame-Options"));
        assertEquals("nosniff", page.header("X-Content-Type-Options"));
        for (String file : new String[] {"/admin/dashboard.js", "/admin/dashboard.css"}) {
            StrataInstance.Response asset = instance.get(file, null);
            assertEquals(200, asset.status(), file);
            assertEquals("DENY", asset.header("X-Frame-Options"), file);
        }
        assertFalse(instance.get("/admin/dashboard.js", null).body().contains("http://")
                || instance.get("/admin/dashboard.js", null).body().contains("https://"), "no third-party origin");
    }
}

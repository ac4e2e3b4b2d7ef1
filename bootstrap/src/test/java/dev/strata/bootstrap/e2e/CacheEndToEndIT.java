package dev.strata.bootstrap.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.application.identity.port.CreateTenantUseCase.TenantCreated;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The cache end to end over HTTP on two instances sharing one Redis and one Postgres: values byte for
 * byte with X-Cache, ETag and Cache-Control; conditional requests; read-after-write across instances
 * within the staleness bound; leases under 50 concurrent misses and stale sets refused; mget,
 * invalidation by keys, tags and prefix; namespace settings; stats and metrics; bad input.
 */
class CacheEndToEndIT {
    private static final long MAX_STALENESS_MILLIS = 100;
    private static StrataInstance a;
    private static StrataInstance b;
    private static TenantCreated tenant;
    private static String token;

    @BeforeAll
    static void start() {
        a = StrataInstance.start();
        b = StrataInstance.start();
        tenant = Tenants.create(a);
        token = Tenants.adminToken(a, tenant);
    }

    @AfterAll
    static void stop() {
        a.close();
        b.close();
    }

    static String ns() {
        return "ns-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String path(String ns, String key) {
        return "/v1/cache/" + ns + "/" + URLEncoder.encode(key, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static StrataInstance.Response put(StrataInstance instance, String token, String path, String json, String... headers) {
        HttpRequest.Builder builder = instance.builder(path, token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json));
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return instance.send(builder);
    }

    static StrataInstance.Response get(StrataInstance instance, String token, String path, String... headers) {
        HttpRequest.Builder builder = instance.builder(path, token).GET();
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return instance.send(builder);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void assertProblem(int status, StrataInstance.Response response) {
        assertEquals(status, response.status(), response.body());
        assertTrue(response.header("Content-Type").startsWith("application/problem+json"), response.header("Content-Type"));
    }

    @Test
    void aValueComesBackByteForByteWithTierEtagAndMaxAge() {
        String ns = ns();
        String json = "{ \"name\" :\t\"Grüße ☕\",\n  \"price\": 2.50e0, \"tags\":[ ] }";
        StrataInstance.Response stored = put(a, token, path(ns, "p-1") + "?ttl=120", json);
        assertEquals(204, stored.status(), stored.body());

        StrataInstance.Response first = get(b, token, path(ns, "p-1"));
        assertEquals(200, first.status(), first.body());
        assertEquals(json, first.body());
        assertTrue(first.header("Content-Type").startsWith("application/json"));
        assertEquals("L2", first.header("X-Cache"), "B has never seen it: from Redis");
        String etag = first.header("ETag");
        assertNotNull(etag);
        assertEquals(stored.header("ETag"), etag);
        long maxAge = Long.parseLong(first.header("Cache-Control").replace("max-age=", ""));
        assertTrue(maxAge > 100 && maxAge <= 120, "max-age " + maxAge);

        StrataInstance.Response second = get(b, token, path(ns, "p-1"));
        assertEquals("L1", second.header("X-Cache"));
        assertEquals(json, second.body());

        StrataInstance.Response notModified = get(b, token, path(ns, "p-1"), "If-None-Match", etag);
        assertEquals(304, notModified.status());
        assertEquals(etag, notModified.header("ETag"));
        assertEquals(200, get(b, token, path(ns, "p-1"), "If-None-Match", "\"other\"").status());
    }

    @Test
    void keysMayHoldAnyCharacter() {
        String ns = ns();
        List<String> keys = List.of("ключ/with spaces?&=#%", "nul\u0000inside", "emoji 😀", "a+b", "k".repeat(512), "stats");
        for (int i = 0; i < keys.size(); i++) {
            assertEquals(204, put(a, token, path(ns, keys.get(i)), "{\"i\":" + i + "}").status(), keys.get(i));
        }
        for (int i = 0; i < keys.size(); i++) {
            if (keys.get(i).equals("stats")) {
                continue; // GET /{ns}/stats is the stats route; the key is reachable through mget
            }
            StrataInstance.Response response = get(b, token, path(ns, keys.get(i)));
            assertEquals(200, response.status(), keys.get(i));
            assertEquals("{\"i\":" + i + "}", response.body());
        }
        StrataInstance.Response mget = b.postJson("/v1/cache/" + ns + "/mget", token, "{\"keys\":[\"stats\",\"nul\\u0000inside\",\"none\"]}");
        assertEquals(200, mget.status(), mget.body());
        assertEquals("{\"values\":{\"stats\":{\"i\":5},\"nul\\u0000inside\":{\"i\":1}},\"missing\":[\"none\"]}", mget.body());
    }

    @Test
    void ifMatchMakesAPutConditional() {
        String ns = ns();
        String etag = put(a, token, path(ns, "k"), "1").header("ETag");
        assertProblem(412, put(b, token, path(ns, "k"), "2", "If-Match", "\"not-the-etag\""));
        assertEquals("1", get(a, token, path(ns, "k")).body());
        assertEquals(204, put(b, token, path(ns, "k"), "2", "If-Match", etag).status());
        sleep(MAX_STALENESS_MILLIS);
        assertEquals("2", get(a, token, path(ns, "k")).body());
        assertProblem(412, put(b, token, path(ns, "k"), "3", "If-Match", etag));
        assertProblem(412, put(b, token, path(ns, "absent"), "3", "If-Match", etag));
        assertProblem(412, put(b, token, path(ns, "absent"), "3", "If-Match", "*"));
        assertEquals(204, put(b, token, path(ns, "k"), "4", "If-Match", "*").status());
        sleep(MAX_STALENESS_MILLIS);
        assertEquals("4", get(a, token, path(ns, "k")).body());
    }

    @Test
    void aWriteOnAIsNeverMissedByBAfterTheStalenessBound() {
        String ns = ns();
        String path = path(ns, "hot");
        assertEquals(204, put(a, token, path, "{\"v\":0}").status());
        for (int i = 1; i <= 30; i++) {
            get(b, token, path);
            assertEquals("L1", get(b, token, path).header("X-Cache"), "B serves its own copy before the write");
            StrataInstance writer = i % 2 == 0 ? a : b;
            StrataInstance reader = writer == a ? b : a;
            assertEquals(204, put(writer, token, path, "{\"v\":" + i + "}").status());
            sleep(MAX_STALENESS_MILLIS);
            assertEquals("{\"v\":" + i + "}", get(reader, token, path).body(), "round " + i);
            assertEquals("{\"v\":" + i + "}", get(writer, token, path).body(), "round " + i);
        }
        assertEquals(204, a.delete(path, token).status());
        sleep(MAX_STALENESS_MILLIS);
        assertEquals(404, get(b, token, path).status());
    }

    @Test
    void fiftyConcurrentMissesGetExactlyOneLeaseAndAVoidedLeaseStoresNothing() throws Exception {
        String ns = ns();
        String path = path(ns, "stampede");
        ExecutorService pool = Executors.newFixedThreadPool(25);
        try {
            List<Callable<StrataInstance.Response>> calls = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                StrataInstance instance = i % 2 == 0 ? a : b;
                calls.add(() -> get(instance, token, path + "?lease=true"));
            }
            List<String> leases = new ArrayList<>();
            for (Future<StrataInstance.Response> future : pool.invokeAll(calls)) {
                StrataInstance.Response response = future.get();
                assertEquals(404, response.status(), response.body());
                if (response.header("X-Cache-Lease") != null) {
                    leases.add(response.header("X-Cache-Lease"));
                }
            }
            assertEquals(1, leases.size(), "exactly one lease among 50 concurrent misses");

            StrataInstance.Response invalidated = b.postJson("/v1/cache/" + ns + "/invalidate", token, "{\"keys\":[\"stampede\"]}");
            assertEquals(200, invalidated.status(), invalidated.body());
            assertProblem(409, put(a, token, path, "\"stale\"", "X-Cache-Lease", leases.get(0)));
            assertEquals(404, get(a, token, path).status(), "the refused fill stored nothing");
            assertEquals(404, get(b, token, path).status());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void waitersReceiveTheValueAsSoonAsTheLeaseHolderFillsIt() throws Exception {
        String ns = ns();
        String path = path(ns, "slow");
        StrataInstance.Response leased = get(a, token, path + "?lease=true");
        String lease = leased.header("X-Cache-Lease");
        assertNotNull(lease);
        StrataInstance.Response other = get(b, token, path + "?lease=true");
        assertNull(other.header("X-Cache-Lease"), "one lease per key");
        CompletableFuture<StrataInstance.Response> waiter =
                CompletableFuture.supplyAsync(() -> get(b, token, path + "?lease=true&waitMs=5000"));
        sleep(300);
        assertEquals(204, put(a, token, path, "{\"filled\":true}", "X-Cache-Lease", lease).status());
        StrataInstance.Response waited = waiter.get();
        assertEquals(200, waited.status(), waited.body());
        assertEquals("{\"filled\":true}", waited.body());
        assertProblem(409, put(a, token, path, "{\"again\":true}", "X-Cache-Lease", lease));
        assertProblem(409, put(a, token, path, "{\"again\":true}", "X-Cache-Lease", "not a token"));
    }

    @Test
    void mgetAndInvalidationByKeysTagsAndPrefix() {
        String ns = ns();
        put(a, token, path(ns, "user:1:profile") + "?tags=user-1,profiles", "1");
        put(a, token, path(ns, "user:1:cart") + "?tags=user-1", "2");
        put(a, token, path(ns, "user:2:profile") + "?tags=profiles", "3");
        put(a, token, path(ns, "user:20:cart"), "4");
        put(a, token, path(ns, "other"), "5");
        get(b, token, path(ns, "user:1:cart"));
        get(b, token, path(ns, "user:1:cart"));

        StrataInstance.Response byTag = b.postJson("/v1/cache/" + ns + "/invalidate", token, "{\"tags\":[\"user-1\"]}");
        assertEquals(200, byTag.status(), byTag.body());
        assertEquals("{\"invalidated\":2}", byTag.body());
        StrataInstance.Response byPrefix = a.postJson("/v1/cache/" + ns + "/invalidate", token, "{\"prefix\":\"user:2\"}");
        assertEquals("{\"invalidated\":2}", byPrefix.body());
        StrataInstance.Response byKeys = a.postJson("/v1/cache/" + ns + "/invalidate", token, "{\"keys\":[\"other\",\"nothing\"]}");
        assertEquals("{\"invalidated\":1}", byKeys.body());
        sleep(MAX_STALENESS_MILLIS);

        StrataInstance.Response mget = b.postJson("/v1/cache/" + ns + "/mget", token,
                "{\"keys\":[\"user:1:profile\",\"user:1:cart\",\"user:2:profile\",\"other\"]}");
        assertEquals("{\"values\":{},\"missing\":[\"user:1:profile\",\"user:1:cart\",\"user:2:profile\",\"other\"]}", mget.body());
        assertEquals(404, get(b, token, path(ns, "user:1:cart")).status(), "B's L1 copy was dropped");

        put(a, token, path(ns, "x"), "[1, 2]");
        StrataInstance.Response some = b.postJson("/v1/cache/" + ns + "/mget", token, "{\"keys\":[\"x\",\"y\"]}");
        assertEquals("{\"values\":{\"x\":[1, 2]},\"missing\":[\"y\"]}", some.body());
        assertEquals(204, b.delete(path(ns, "x"), token).status());
        assertEquals(204, b.delete(path(ns, "x"), token).status(), "deleting twice is fine");
    }

    @Test
    void namespaceSettingsAreDurableAndApplied() {
        String ns = ns();
        StrataInstance.Response configured = put(a, token, "/v1/cache/" + ns,
                "{\"defaultTtlSeconds\":60,\"durable\":false,\"l1\":{\"enabled\":false,\"maxEntries\":10,\"ttlSeconds\":5}}");
        assertEquals(200, configured.status(), configured.body());
        assertTrue(configured.body().contains("\"durable\":false"), configured.body());
        put(a, token, path(ns, "k"), "true");
        StrataInstance.Response first = get(b, token, path(ns, "k"));
        StrataInstance.Response second = get(b, token, path(ns, "k"));
        assertEquals("L2", first.header("X-Cache"));
        assertEquals("L2", second.header("X-Cache"), "L1 is off for this namespace");
        long maxAge = Long.parseLong(second.header("Cache-Control").replace("max-age=", ""));
        assertTrue(maxAge <= 60, "default TTL of the namespace: " + maxAge);

        assertProblem(400, put(a, token, "/v1/cache/" + ns, "{\"defaultTtlSeconds\":0}"));
        assertProblem(400, put(a, token, "/v1/cache/" + ns, "{\"l1\":{\"maxEntries\":-1}}"));
        assertProblem(400, put(a, token, "/v1/cache/" + ns, "{\"defaultTtlSeconds\":\"soon\"}"));
    }

    @Test
    void statsAndMetricsCountHitsPerTier() {
        String ns = ns();
        put(a, token, path(ns, "k"), "1");
        get(a, token, path(ns, "k"));
        get(a, token, path(ns, "k"));
        get(a, token, path(ns, "missing"));
        StrataInstance.Response stats = get(a, token, "/v1/cache/" + ns + "/stats");
        assertEquals(200, stats.status(), stats.body());
        assertTrue(stats.body().contains("\"hits\":{\"L1\":"), stats.body());
        assertTrue(stats.body().contains("\"l1Size\":1"), stats.body());
        assertTrue(stats.body().contains("\"hitRate\":"), stats.body());
        String prometheus = a.get("/prometheus", null).body();
        assertTrue(prometheus.contains("strata_cache_requests_total{result=\"hit\",tier=\"L1\"}"), "requests counter");
        assertTrue(prometheus.contains("strata_cache_invalidation_lag_seconds"), "lag timer");
    }

    @Test
    void badInputIsA4xxProblem() {
        String ns = ns();
        assertProblem(400, put(a, token, path(ns, "k".repeat(513)), "1"));
        assertProblem(400, get(a, token, path(ns, "é".repeat(257))));
        assertTrue(get(a, token, "/v1/cache/" + ns + "/").status() / 100 == 4, "an empty key");
        assertProblem(400, put(a, token, path("Bad_NS", "k"), "1"));
        assertProblem(400, get(a, token, path("-bad", "k")));
        assertProblem(400, put(a, token, path(ns, "k"), "{oops"));
        assertProblem(400, put(a, token, path(ns, "k"), "not json"));
        assertProblem(400, put(a, token, path(ns, "k"), "{} {}"));
        assertProblem(400, put(a, token, path(ns, "k"), ""));
        assertProblem(400, put(a, token, path(ns, "k") + "?ttl=-5", "1"));
        assertProblem(400, put(a, token, path(ns, "k") + "?ttl=abc", "1"));
        assertProblem(400, put(a, token, path(ns, "k") + "?tags=ok,bad%20tag!", "1"));
        assertProblem(400, put(a, token, path(ns, "k") + "?tags=,", "1"));
        assertProblem(400, get(a, token, path(ns, "k") + "?waitMs=6000"));
        assertProblem(400, get(a, token, path(ns, "k") + "?lease=maybe"));
        assertProblem(400, get(a, token, "/v1/cache/" + ns + "/bad%FF"));
        assertProblem(400, a.postJson("/v1/cache/" + ns + "/invalidate", token, "{}"));
        assertProblem(400, a.postJson("/v1/cache/" + ns + "/invalidate", token, "{\"tags\":[\"no spaces allowed\"]}"));
        assertProblem(400, a.postJson("/v1/cache/" + ns + "/invalidate", token, "{\"prefix\":\"\"}"));
        assertProblem(400, a.postJson("/v1/cache/" + ns + "/mget", token, "{\"keys\":[]}"));
        assertProblem(400, a.postJson("/v1/cache/" + ns + "/mget", token, "{\"keys\":\"k\"}"));
        // booleans and whole numbers are taken as what they are, never coerced
        for (String wrongType : List.of("{\"durable\":\"maybe\"}", "{\"durable\":1}", "{\"l1\":{\"enabled\":\"no\"}}",
                "{\"defaultTtlSeconds\":\"60\"}", "{\"defaultTtlSeconds\":60.5}", "{\"defaultTtlSeconds\":true}",
                "{\"l1\":{\"maxEntries\":1e12}}")) {
            assertProblem(400, put(a, token, "/v1/cache/" + ns, wrongType));
        }
        StrataInstance.Response settings = put(a, token, "/v1/cache/" + ns, "{\"durable\":false,\"defaultTtlSeconds\":60.0,\"l1\":{\"enabled\":null}}");
        assertEquals(200, settings.status(), settings.body());
        assertTrue(settings.body().contains("\"defaultTtlSeconds\":60,\"durable\":false,\"l1\":{\"enabled\":true"), settings.body());
        assertProblem(413, put(a, token, path(ns, "big"), "\"" + "x".repeat(1024 * 1024 + 10) + "\""));
        assertProblem(404, get(a, token, path(ns, "never")));
    }

    @Test
    void anotherTenantsKeyIsNotFoundAndScopesAreEnforced() {
        String ns = ns();
        put(a, token, path(ns, "mine"), "{\"secret\":1}");
        TenantCreated other = Tenants.create(a);
        String otherToken = Tenants.adminToken(b, other);
        assertProblem(404, get(b, otherToken, path(ns, "mine")));
        assertEquals("{\"values\":{},\"missing\":[\"mine\"]}",
                b.postJson("/v1/cache/" + ns + "/mget", otherToken, "{\"keys\":[\"mine\"]}").body());
        assertEquals("{\"invalidated\":0}",
                b.postJson("/v1/cache/" + ns + "/invalidate", otherToken, "{\"prefix\":\"m\"}").body());
        assertEquals(200, get(a, token, path(ns, "mine")).status(), "the owner still has it");

        String readOnly = Tenants.adminToken(a, tenant, "cache:read");
        assertEquals(200, get(a, readOnly, path(ns, "mine")).status());
        assertProblem(403, put(a, readOnly, path(ns, "mine"), "1"));
        assertProblem(403, a.delete(path(ns, "mine"), readOnly));
        assertProblem(401, get(a, null, path(ns, "mine")));
    }

    @Test
    void everyRouteIsInTheOpenApiDocument() {
        String spec = a.get("/openapi.yml", null).body();
        for (String route : List.of("/v1/cache/{ns}:", "/v1/cache/{ns}/stats:", "/v1/cache/{ns}/mget:", "/v1/cache/{ns}/invalidate:")) {
            assertTrue(spec.contains(route), route);
        }
        assertTrue(spec.contains("\n  /v1/cache/{ns}/{key}:"), "the key routes");
    }
}

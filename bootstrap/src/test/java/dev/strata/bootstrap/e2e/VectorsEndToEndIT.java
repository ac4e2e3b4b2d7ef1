package dev.strata.bootstrap.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.application.identity.port.CreateTenantUseCase.TenantCreated;
import dev.strata.domain.shared.RedisServerProcess;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Vectors over HTTP on two instances sharing Redis and Postgres: cached searches, a write that belongs in the
 * top-k seen by the next search on both instances, hybrid search, bad input naming its field, tenant isolation,
 * scopes, and searches while Redis is down.
 */
class VectorsEndToEndIT {
    private static StrataInstance a;
    private static StrataInstance b;
    private static String token;

    @BeforeAll
    static void start() {
        a = StrataInstance.start();
        b = StrataInstance.start();
        token = Tenants.adminToken(a, Tenants.create(a));
    }

    @AfterAll
    static void stop() {
        b.close();
        a.close();
    }

    @Test
    void aSearchIsCachedAndAnUpsertIntoTheTopKIsInTheNextSearchOnBothInstances() {
        String c = collection(a, token, 4);
        upsert(a, token, c, item("x", "[1,0,0,0]", null), item("y", "[0,1,0,0]", null), item("z", "[0,0,1,0]", null));
        String query = "{\"vector\":[1,0.2,0,0],\"k\":2}";

        StrataInstance.Response first = a.postJson("/v1/collections/" + c + "/search", token, query);
        assertEquals(200, first.status(), first.body());
        assertEquals(List.of("x", "y"), ids(first.body()));
        assertTrue(first.body().contains("\"cached\":false"), first.body());
        assertTrue(first.body().contains("\"tookMs\""), first.body());
        StrataInstance.Response again = a.postJson("/v1/collections/" + c + "/search", token, query);
        assertTrue(again.body().contains("\"cached\":true"), again.body());
        assertEquals(List.of("x", "y"), ids(again.body()));
        StrataInstance.Response onB = b.postJson("/v1/collections/" + c + "/search", token, query);
        assertTrue(onB.body().contains("\"cached\":true"), "the result cache is shared: " + onB.body());

        // a vector that belongs in the top-2, written through b: both instances answer it at once
        upsert(b, token, c, item("n", "[1,0.15,0,0]", null));
        for (StrataInstance instance : List.of(a, b)) {
            StrataInstance.Response after = instance.postJson("/v1/collections/" + c + "/search", token, query);
            assertEquals(List.of("n", "x"), ids(after.body()), after.body());
        }
        // and a delete the same way
        assertEquals(204, a.delete("/v1/collections/" + c + "/vectors/n", token).status());
        assertEquals(List.of("x", "y"), ids(b.postJson("/v1/collections/" + c + "/search", token, query).body()));
    }

    @Test
    void collectionsItemsAndDeleteByFilter() {
        String c = collection(a, token, 2);
        assertEquals(200, put(a, token, "/v1/collections/" + c, "{\"dimension\":2,\"metric\":\"cosine\"}").status(),
                "identical settings");
        assertEquals(409, put(a, token, "/v1/collections/" + c, "{\"dimension\":3,\"metric\":\"cosine\"}").status());
        upsert(a, token, c, item("p", "[1,0]", "{\"color\":\"red\",\"n\":1}"), item("q", "[0,1]", "{\"color\":\"blue\",\"n\":5}"),
                item("r", "[1,1]", "{\"color\":\"red\",\"n\":9}"));
        StrataInstance.Response info = a.get("/v1/collections/" + c, token);
        assertTrue(info.body().contains("\"count\":3") && info.body().contains("\"type\":\"hnsw\""), info.body());
        StrataInstance.Response item = b.get("/v1/collections/" + c + "/vectors/q", token);
        assertEquals(200, item.status(), item.body());
        assertTrue(item.body().contains("\"color\":\"blue\""), item.body());
        assertEquals(404, a.get("/v1/collections/" + c + "/vectors/nope", token).status());

        StrataInstance.Response filtered = a.postJson("/v1/collections/" + c + "/search", token,
                "{\"vector\":[1,0],\"filter\":{\"color\":\"red\",\"n\":{\"$gt\":2}}}");
        assertEquals(List.of("r"), ids(filtered.body()), filtered.body());

        String filter = URLEncoder.encode("{\"color\":{\"$in\":[\"red\"]}}", StandardCharsets.UTF_8);
        StrataInstance.Response deleted = a.delete("/v1/collections/" + c + "/vectors?filter=" + filter, token);
        assertEquals(200, deleted.status(), deleted.body());
        assertTrue(deleted.body().contains("\"deleted\":2"), deleted.body());
        assertEquals(List.of("q"), ids(b.postJson("/v1/collections/" + c + "/search", token, "{\"vector\":[1,0]}").body()));
        StrataInstance.Response byBody = a.postJson("/v1/collections/" + c + "/vectors/delete", token,
                "{\"filter\":{\"n\":{\"$lte\":5}}}");
        assertTrue(byBody.body().contains("\"deleted\":1"), byBody.body());
        assertTrue(a.get("/v1/collections", token).body().contains("\"name\":\"" + c + "\""));
        assertEquals(204, a.delete("/v1/collections/" + c, token).status());
        assertEquals(404, b.get("/v1/collections/" + c, token).status());
    }

    @Test
    void hybridFindsTheLexicalOnlyAndTheSemanticOnlyBestMatches() {
        String c = collection(a, token, 4);
        List<String> items = new ArrayList<>();
        items.add(item("semantic", "[1,0,0,0]", null, "nothing to see here"));
        items.add(item("lexical", "[-1,0,0,0.1]", null, "zebra quantum harmonica"));
        for (int i = 0; i < 30; i++) {
            items.add(item("filler" + i, "[0.5," + (0.5 + i * 0.01) + ",0.5,0.5]", null, "plain filler words " + i));
        }
        upsert(a, token, c, items.toArray(String[]::new));
        StrataInstance.Response hybrid = a.postJson("/v1/collections/" + c + "/search", token,
                "{\"vector\":[1,0,0,0],\"text\":\"zebra quantum\",\"mode\":\"hybrid\",\"k\":5,\"include\":[\"content\"]}");
        assertEquals(200, hybrid.status(), hybrid.body());
        List<String> ids = ids(hybrid.body());
        assertTrue(ids.contains("semantic") && ids.contains("lexical"), ids.toString());
        StrataInstance.Response text = a.postJson("/v1/collections/" + c + "/search", token,
                "{\"text\":\"zebra\",\"mode\":\"text\"}");
        assertEquals(List.of("lexical"), ids(text.body()), text.body());
    }

    @Test
    void badInputIsA400NamingTheField() {
        String c = collection(a, token, 3);
        String search = "/v1/collections/" + c + "/search";
        String vectors = "/v1/collections/" + c + "/vectors";
        Map<String, StrataInstance.Response> cases = new java.util.LinkedHashMap<>();
        cases.put("items[0].vector", put(a, token, vectors, "{\"items\":[{\"id\":\"a\",\"vector\":[1,2]}]}"));
        cases.put("items[1].vector", put(a, token, vectors,
                "{\"items\":[{\"id\":\"a\",\"vector\":[1,2,3]},{\"id\":\"b\",\"vector\":[1,\"NaN\",3]}]}"));
        cases.put("items[0].vector ", put(a, token, vectors, "{\"items\":[{\"id\":\"a\",\"vector\":[1,1e60,3]}]}"));
        cases.put("items[0].id", put(a, token, vectors, "{\"items\":[{\"id\":\"" + "i".repeat(257) + "\",\"vector\":[1,2,3]}]}"));
        cases.put("vector", a.postJson(search, token, "{\"vector\":[1,2]}"));
        cases.put("k", a.postJson(search, token, "{\"vector\":[1,2,3],\"k\":0}"));
        cases.put("k ", a.postJson(search, token, "{\"vector\":[1,2,3],\"k\":1001}"));
        cases.put("filter", a.postJson(search, token, "{\"vector\":[1,2,3],\"filter\":{\"a'; drop table x; --\":1}}"));
        cases.put("filter.a", a.postJson(search, token, "{\"vector\":[1,2,3],\"filter\":{\"a\":{\"$in\":[{\"$gt\":1}]}}}"));
        cases.put("filter.b", a.postJson(search, token, "{\"vector\":[1,2,3],\"filter\":{\"b\":{\"$regex\":\"x\"}}}"));
        cases.put("dimension", put(a, token, "/v1/collections/bad-" + suffix(), "{\"dimension\":0,\"metric\":\"cosine\"}"));
        cases.put("dimension ", put(a, token, "/v1/collections/bad-" + suffix(), "{\"dimension\":16001,\"metric\":\"cosine\"}"));
        cases.put("metric", put(a, token, "/v1/collections/bad-" + suffix(), "{\"dimension\":3,\"metric\":\"hamming\"}"));
        cases.forEach((field, response) -> {
            assertEquals(400, response.status(), field + ": " + response.body());
            assertTrue(response.body().contains("\"field\":\"" + field.strip()), field + ": " + response.body());
        });
        assertTrue(a.get("/v1/collections/" + c, token).body().contains("\"count\":0"), "nothing of a bad batch is stored");
    }

    @Test
    void anotherTenantsCollectionIsNotFoundBothWays() {
        TenantCreated other = Tenants.create(a);
        String otherToken = Tenants.adminToken(a, other);
        String mine = collection(a, token, 2);
        String theirs = collection(b, otherToken, 2);
        upsert(a, token, mine, item("m", "[1,0]", null));
        upsert(b, otherToken, theirs, item("t", "[1,0]", null));
        for (String[] pair : List.of(new String[] {mine, otherToken}, new String[] {theirs, token})) {
            String c = pair[0];
            String who = pair[1];
            assertEquals(404, a.get("/v1/collections/" + c, who).status());
            assertEquals(404, b.postJson("/v1/collections/" + c + "/search", who, "{\"vector\":[1,0]}").status());
            assertEquals(404, put(a, who, "/v1/collections/" + c + "/vectors",
                    "{\"items\":[{\"id\":\"evil\",\"vector\":[1,0]}]}").status());
            assertEquals(404, a.delete("/v1/collections/" + c, who).status());
            assertFalse(a.get("/v1/collections", who).body().contains("\"name\":\"" + c + "\""));
        }
        assertEquals(List.of("m"), ids(a.postJson("/v1/collections/" + mine + "/search", token, "{\"vector\":[1,0]}").body()));
        assertEquals(List.of("t"), ids(a.postJson("/v1/collections/" + theirs + "/search", otherToken, "{\"vector\":[1,0]}").body()));
    }

    @Test
    void writesNeedVectorsWrite() {
        String c = collection(a, token, 2);
        String readOnly = Tenants.adminToken(a, Tenants.create(a), "vectors:read");
        assertEquals(403, put(a, readOnly, "/v1/collections/x-" + suffix(), "{\"dimension\":2,\"metric\":\"l2\"}").status());
        assertEquals(404, a.get("/v1/collections/" + c, readOnly).status(), "a read scope, but another tenant");
    }

    @Test
    void withRedisDownSearchesAndWritesStillWork() throws Exception {
        try (RedisServerProcess redis = RedisServerProcess.start();
             StrataInstance own = StrataInstance.start(Map.of("redis.uri", redis.uri(), "strata.vectors.version-lease", "1s"))) {
            String t = Tenants.adminToken(own, Tenants.create(own));
            String c = collection(own, t, 2);
            upsert(own, t, c, item("a", "[1,0]", null), item("b", "[0,1]", null));
            String query = "{\"vector\":[1,0.1],\"k\":1}";
            own.postJson("/v1/collections/" + c + "/search", t, query);
            assertTrue(own.postJson("/v1/collections/" + c + "/search", t, query).body().contains("\"cached\":true"));

            redis.kill();
            StrataInstance.Response down = own.postJson("/v1/collections/" + c + "/search", t, query);
            assertEquals(200, down.status(), down.body());
            assertTrue(down.body().contains("\"cached\":false"), down.body());
            upsert(own, t, c, item("c", "[1,0.05]", null));
            assertEquals(List.of("c"), ids(own.postJson("/v1/collections/" + c + "/search", t, query).body()));
            assertEquals(200, own.get("/v1/collections/" + c + "/vectors/a", t).status());

            redis.startAgain();
            assertEquals(List.of("c"), ids(own.postJson("/v1/collections/" + c + "/search", t, query).body()),
                    "after Redis comes back, nothing older than the write is served");
        }
    }

    private static String collection(StrataInstance instance, String token, int dimension) {
        String name = "c-" + suffix();
        StrataInstance.Response created = put(instance, token, "/v1/collections/" + name,
                "{\"dimension\":" + dimension + ",\"metric\":\"cosine\"}");
        assertEquals(201, created.status(), created.body());
        return name;
    }

    private static void upsert(StrataInstance instance, String token, String c, String... items) {
        StrataInstance.Response response = put(instance, token, "/v1/collections/" + c + "/vectors",
                "{\"items\":[" + String.join(",", items) + "]}");
        assertEquals(200, response.status(), response.body());
        assertTrue(response.body().contains("\"upserted\":" + items.length), response.body());
    }

    private static String item(String id, String vector, String metadata) {
        return item(id, vector, metadata, null);
    }

    private static String item(String id, String vector, String metadata, String content) {
        return "{\"id\":\"" + id + "\",\"vector\":" + vector + (metadata == null ? "" : ",\"metadata\":" + metadata)
                + (content == null ? "" : ",\"content\":\"" + content + "\"") + "}";
    }

    private static StrataInstance.Response put(StrataInstance instance, String token, String path, String json) {
        return instance.send(instance.builder(path, token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    private static List<String> ids(String body) {
        List<String> ids = new ArrayList<>();
        Matcher m = Pattern.compile("\\{\"id\":\"([^\"]*)\"").matcher(body);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}

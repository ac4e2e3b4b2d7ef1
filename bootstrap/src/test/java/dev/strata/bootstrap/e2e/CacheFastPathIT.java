package dev.strata.bootstrap.e2e;

import static dev.strata.bootstrap.e2e.CacheEndToEndIT.assertProblem;
import static dev.strata.bootstrap.e2e.CacheEndToEndIT.get;
import static dev.strata.bootstrap.e2e.CacheEndToEndIT.ns;
import static dev.strata.bootstrap.e2e.CacheEndToEndIT.path;
import static dev.strata.bootstrap.e2e.CacheEndToEndIT.put;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.strata.adapters.http.cache.fastpath.CacheReadFastPath;
import dev.strata.adapters.http.observability.AccessLogFilter;
import dev.strata.application.identity.port.CreateTenantUseCase.TenantCreated;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The fast path for cache hits ({@link CacheReadFastPath}): instance {@code fast} has it (the default),
 * instance {@code plain} has it switched off, both on the same stores. A plain authorised L1 hit is answered
 * by the fast path exactly as Micronaut answers it (status, body, headers, metrics, access log); everything
 * else still goes to Micronaut and gets Micronaut's answer; pipelined responses keep their order; a revoked
 * client is refused on the very next request.
 */
class CacheFastPathIT {
    private static StrataInstance fast;
    private static StrataInstance plain;
    private static TenantCreated tenant;
    private static String token;

    @BeforeAll
    static void start() {
        fast = StrataInstance.start();
        plain = StrataInstance.start(Map.of(CacheReadFastPath.ENABLED, false));
        tenant = Tenants.create(fast);
        token = Tenants.adminToken(fast, tenant);
    }

    @AfterAll
    static void stop() {
        fast.close();
        plain.close();
    }

    private static long answered() {
        return fast.context.getBean(CacheReadFastPath.class).answered();
    }

    /** A key whose value both instances hold in L1 (a read fills it). */
    private static String cached(String ns, String key, String json) {
        String path = path(ns, key);
        assertEquals(204, put(fast, token, path, json).status());
        assertEquals(200, get(fast, token, path).status());
        assertEquals(200, get(plain, token, path).status());
        return path;
    }

    @Test
    void aHitIsAnsweredExactlyAsMicronautAnswersIt() {
        assertTrue(plain.context.findBean(CacheReadFastPath.class).isEmpty(), "switched off on plain");
        String ns = ns();
        String path = cached(ns, "k é/1", "{ \"a\" : [1, 2.50, \"x\"] }");

        long before = answered();
        StrataInstance.Response viaFast = get(fast, token, path, "X-Request-Id", "fast-path-check-1");
        assertEquals(before + 1, answered(), "answered on the fast path");
        StrataInstance.Response viaPlain = get(plain, token, path, "X-Request-Id", "fast-path-check-1");

        assertEquals(200, viaFast.status());
        assertEquals(viaPlain.status(), viaFast.status());
        assertEquals("{ \"a\" : [1, 2.50, \"x\"] }", viaFast.body(), "byte for byte");
        assertEquals(viaPlain.body(), viaFast.body());
        assertEquals(comparable(viaPlain), comparable(viaFast));
        // a PUT's own invalidation comes back and may drop the writer's L1 copy: then the hit is from L2
        assertTrue(List.of("L1", "L2").contains(viaFast.header("X-Cache")), viaFast.header("X-Cache"));
        assertTrue(List.of("L1", "L2").contains(viaPlain.header("X-Cache")), viaPlain.header("X-Cache"));
        int maxAge = Integer.parseInt(viaFast.header("Cache-Control").substring("max-age=".length()));
        assertTrue(maxAge >= 3590 && maxAge <= 3600, "the default TTL's remainder: " + maxAge);
        assertEquals("fast-path-check-1", viaFast.header("X-Request-Id"));
        assertTrue(viaFast.header("Date").endsWith(" GMT"), viaFast.header("Date"));

        // a request id that is not safe to echo is replaced, as Micronaut's filter does
        String replaced = get(fast, token, path, "X-Request-Id", "bad id\u00e9").header("X-Request-Id");
        assertTrue(replaced.matches("[0-9a-f-]{36}"), replaced);
    }

    /**
     * Headers by lower-case name, without those that differ by nature (Date, X-Request-Id, and X-Cache: the
     * tier is each instance's own state) and with max-age's count left out.
     */
    private static Map<String, String> comparable(StrataInstance.Response response) {
        Map<String, String> headers = new TreeMap<>();
        response.headers().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!lower.equals("date") && !lower.equals("x-request-id") && !lower.equals("x-cache")) {
                headers.put(lower, String.join(",", values).replaceAll("^max-age=\\d+$", "max-age=N"));
            }
        });
        return headers;
    }

    @Test
    void everythingElseIsMicronautsToAnswer() throws IOException {
        String ns = ns();
        String path = cached(ns, "k", "{\"v\":1}");
        String etag = get(fast, token, path).header("ETag");
        put(fast, token, path(ns, "stats"), "7");
        TenantCreated other = Tenants.create(fast);
        String otherToken = Tenants.adminToken(fast, other);
        String writeOnly = Tenants.adminToken(fast, tenant, "cache:write");

        long before = answered();
        assertEquals(304, get(fast, token, path, "If-None-Match", etag).status(), "conditional");
        assertEquals(200, get(fast, token, path + "?lease=true").status(), "query string");
        assertProblem(400, get(fast, token, path + "?waitMs=-1"));
        assertTrue(get(fast, token, path(ns, "stats")).body().contains("\"hitRate\""), "the stats route, not the key 'stats'");
        assertProblem(401, get(fast, null, path));
        assertProblem(401, get(fast, "not.a.token", path));
        assertProblem(403, get(fast, writeOnly, path));
        assertProblem(404, get(fast, otherToken, path));
        assertProblem(404, get(fast, token, path(ns, "absent")));
        assertProblem(400, get(fast, token, "/v1/cache/Bad%20Ns/k"));
        assertProblem(400, get(fast, token, "/v1/cache/" + ns + "/%E0%A4"));
        assertEquals(get(plain, token, path, "Origin", "https://example.org").status(),
                get(fast, token, path, "Origin", "https://example.org").status(), "CORS: Micronaut's answer");
        assertEquals(before, answered(), "none of these on the fast path");

        // a value Micronaut compresses for a client that accepts it is Micronaut's, and its hit is counted once
        String big = cached(ns, "big", "\"" + "z".repeat(4096) + "\"");
        before = answered();
        long hits = hits(ns);
        StrataInstance.Response gzipped = get(fast, token, big, "Accept-Encoding", "gzip");
        assertEquals(200, gzipped.status());
        assertEquals("gzip", gzipped.header("Content-Encoding"));
        assertEquals(before, answered());
        assertEquals(hits + 1, hits(ns));
        assertEquals(4098, get(fast, token, big).body().length(), "without Accept-Encoding: the fast path's");
        assertEquals(before + 1, answered());
        before = answered();

        // over a raw connection: HEAD, HTTP/1.0 and Connection: close are Micronaut's too
        String host = "Host: 127.0.0.1\r\nAuthorization: Bearer " + token + "\r\n";
        List<RawResponse> head = exchange(fast, "HEAD " + path + " HTTP/1.1\r\n" + host + "\r\n", 1, true);
        assertEquals(200, head.get(0).status());
        assertEquals("", head.get(0).body());
        assertEquals(200, exchange(fast, "GET " + path + " HTTP/1.0\r\n" + host + "\r\n", 1, true).get(0).status());
        assertEquals(200, exchange(fast, "GET " + path + " HTTP/1.1\r\n" + host + "Connection: close\r\n\r\n", 1, true).get(0).status());
        assertEquals(before, answered(), "nor these");
    }

    @Test
    void pipelinedResponsesKeepTheOrderOfTheirRequests() throws IOException {
        String ns = ns();
        String hit = cached(ns, "hit", "{\"v\":\"hit\"}");
        String headers = "Host: 127.0.0.1\r\nAuthorization: Bearer " + token + "\r\n";
        String body = "{\"v\":\"new\"}";
        // a slow request (a write, on the blocking pool) then hits and a miss, in one go
        String requests = "PUT " + path(ns, "written") + " HTTP/1.1\r\n" + headers
                + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body
                + ("GET " + hit + " HTTP/1.1\r\n" + headers + "\r\n").repeat(3)
                + "GET " + path(ns, "absent") + " HTTP/1.1\r\n" + headers + "\r\n"
                + "GET " + hit + " HTTP/1.1\r\n" + headers + "\r\n"
                + "GET " + path(ns, "written") + " HTTP/1.1\r\n" + headers + "\r\n";
        List<RawResponse> responses = exchange(fast, requests, 7, false);
        assertEquals(List.of(204, 200, 200, 200, 404, 200, 200), responses.stream().map(RawResponse::status).toList());
        assertEquals("{\"v\":\"hit\"}", responses.get(1).body());
        assertEquals("{\"v\":\"hit\"}", responses.get(5).body());
        assertEquals(body, responses.get(6).body());

        // hits alone, many in one go, all on the fast path
        long before = answered();
        List<RawResponse> hits = exchange(fast, ("GET " + hit + " HTTP/1.1\r\n" + headers + "\r\n").repeat(20), 20, false);
        assertTrue(hits.stream().allMatch(r -> r.status() == 200 && r.body().equals("{\"v\":\"hit\"}")));
        assertEquals(before + 20, answered());
    }

    @Test
    void anL2HitIsAnsweredAfterANonBlockingProbeAndKeepsItsPlaceInLine() throws IOException {
        String ns = ns();
        assertEquals(200, put(fast, token, "/v1/cache/" + ns, "{\"l1\":{\"enabled\":false}}").status());
        String shared = path(ns, "shared");
        assertEquals(204, put(fast, token, shared, "{\"v\":\"l2\"}").status());
        assertEquals(200, get(plain, token, shared).status());

        long before = answered();
        StrataInstance.Response viaFast = get(fast, token, shared, "X-Request-Id", "l2-check");
        assertEquals(before + 1, answered(), "answered on the fast path");
        StrataInstance.Response viaPlain = get(plain, token, shared, "X-Request-Id", "l2-check");
        assertEquals("L2", viaFast.header("X-Cache"));
        assertEquals("L2", viaPlain.header("X-Cache"));
        assertEquals(viaPlain.body(), viaFast.body());
        assertEquals(comparable(viaPlain), comparable(viaFast));
        assertEquals("l2-check", viaFast.header("X-Request-Id"));

        // a miss goes on to Micronaut, which answers it as ever (and the probe's marker cannot be forged)
        before = answered();
        StrataInstance.Response miss = get(fast, token, path(ns, "absent"));
        assertProblem(404, miss);
        assertEquals("MISS", miss.header("X-Cache"));
        assertEquals(200, get(fast, token, shared, "X-Strata-Cache-Probed", "1").status());
        assertEquals(before + 1, answered());

        // pipelined: L2 hits, an L1 hit, a miss and a write, answered in the order asked
        String l1 = cached(ns(), "hit", "{\"v\":\"l1\"}");
        String headers = "Host: 127.0.0.1\r\nAuthorization: Bearer " + token + "\r\n";
        String body = "{\"v\":\"new\"}";
        String requests = ("GET " + shared + " HTTP/1.1\r\n" + headers + "\r\n").repeat(2)
                + "GET " + l1 + " HTTP/1.1\r\n" + headers + "\r\n"
                + "GET " + path(ns, "absent") + " HTTP/1.1\r\n" + headers + "\r\n"
                + "GET " + shared + " HTTP/1.1\r\n" + headers + "\r\n"
                + "PUT " + shared + " HTTP/1.1\r\n" + headers + "Content-Type: application/json\r\nContent-Length: "
                + body.length() + "\r\n\r\n" + body
                + "GET " + l1 + " HTTP/1.1\r\n" + headers + "\r\n"
                + ("GET " + shared + " HTTP/1.1\r\n" + headers + "\r\n").repeat(3);
        List<RawResponse> responses = exchange(fast, requests, 10, false);
        assertEquals(List.of(200, 200, 200, 404, 200, 204, 200, 200, 200, 200), responses.stream().map(RawResponse::status).toList());
        assertEquals(List.of("L2", "L2", "MISS", "L2"), List.of(responses.get(0), responses.get(1), responses.get(3), responses.get(4))
                .stream().map(r -> r.headers().get("X-Cache")).toList());
        assertTrue(List.of("L1", "L2").contains(responses.get(2).headers().get("X-Cache")), "the other namespace's hit");
        assertEquals("{\"v\":\"l2\"}", responses.get(0).body());
        assertEquals("{\"v\":\"l1\"}", responses.get(2).body());
        assertEquals("{\"v\":\"l1\"}", responses.get(6).body());
        // Micronaut may run pipelined requests side by side: a read after the write sees either value
        assertTrue(responses.subList(7, 10).stream().allMatch(r -> r.body().equals(body) || r.body().equals("{\"v\":\"l2\"}")));
        assertEquals(body, get(fast, token, shared).body());
    }

    @Test
    void withRedisUnreachableAnL3HitIsAnsweredOnTheFastPathAndAMissIsReadAndCountedOnce() throws IOException {
        String ns = ns();
        assertEquals(200, put(fast, token, "/v1/cache/" + ns, "{\"durable\":true,\"l1\":{\"enabled\":false}}").status());
        String path = path(ns, "durable");
        assertEquals(204, put(fast, token, path, "{\"v\":\"l3\"}").status());
        int deadPort;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            deadPort = probe.getLocalPort();
        }
        Map<String, Object> noRedis = Map.of("redis.uri", "redis://127.0.0.1:" + deadPort);
        Map<String, Object> noRedisPlain = new java.util.HashMap<>(noRedis);
        noRedisPlain.put(CacheReadFastPath.ENABLED, false);
        try (StrataInstance downFast = StrataInstance.start(noRedis); StrataInstance downPlain = StrataInstance.start(noRedisPlain)) {
            CacheReadFastPath route = downFast.context.getBean(CacheReadFastPath.class);
            // the token's first use on this instance: memory cannot vouch for it, the fast path asks the stores
            long before = route.answered();
            StrataInstance.Response viaFast = get(downFast, token, path, "X-Request-Id", "l3-check");
            StrataInstance.Response viaPlain = get(downPlain, token, path, "X-Request-Id", "l3-check");
            assertEquals(200, viaFast.status(), viaFast.body());
            assertEquals(before + 1, route.answered(), "answered on the fast path");
            assertEquals("L3", viaFast.header("X-Cache"));
            assertEquals("L3", viaPlain.header("X-Cache"));
            assertEquals("{\"v\":\"l3\"}", viaFast.body());
            assertEquals(viaPlain.body(), viaFast.body());
            assertEquals(comparable(viaPlain), comparable(viaFast));
            assertEquals("l3-check", viaFast.header("X-Request-Id"));

            // a miss: read once on the fast path, answered by Micronaut as ever, counted once
            long misses = misses(downFast, ns);
            before = route.answered();
            StrataInstance.Response miss = get(downFast, token, path(ns, "absent"));
            StrataInstance.Response plainMiss = get(downPlain, token, path(ns, "absent"));
            assertProblem(404, miss);
            assertEquals("MISS", miss.header("X-Cache"));
            assertEquals(plainMiss.body().replace(plainMiss.header("X-Request-Id"), "id"),
                    miss.body().replace(miss.header("X-Request-Id"), "id"));
            assertEquals(before, route.answered(), "a miss is Micronaut's to answer");
            assertEquals(misses + 1, misses(downFast, ns), "counted once");

            // the marker of a missed read cannot be forged: a client sending it gets the hit
            assertEquals(200, get(downFast, token, path, "X-Strata-Cache-Probed", "miss").status());
            String raw = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
                    + "\r\nX-Strata-Cache-Probed: miss\r\n\r\n";
            assertEquals(List.of(200, 200), exchange(downPlain, raw.repeat(2), 2, false).stream().map(RawResponse::status).toList(),
                    "nor where no fast path strips it");

            // a token of another tenant reads nothing of this one, on the fast path or not
            TenantCreated other = Tenants.create(fast);
            String otherToken = Tenants.adminToken(fast, other);
            assertProblem(404, get(downFast, otherToken, path));
            assertProblem(404, get(downPlain, otherToken, path));
        }
    }

    /** The namespace's misses on {@code instance}, all tiers together. */
    private static long misses(StrataInstance instance, String ns) {
        StrataInstance.Response stats = get(instance, token, "/v1/cache/" + ns + "/stats");
        Matcher m = Pattern.compile("\"misses\"\\s*:\\s*\\{\"L1\":(\\d+),\"L2\":(\\d+),\"L3\":(\\d+)}").matcher(stats.body());
        assertTrue(m.find(), stats.body());
        return Long.parseLong(m.group(1)) + Long.parseLong(m.group(2)) + Long.parseLong(m.group(3));
    }

    @Test
    void aDeletedClientIsRefusedOnTheNextRequest() {
        String ns = ns();
        String path = cached(ns, "k", "1");
        StrataInstance.Response created = fast.postJson("/v1/clients", token, "{\"name\":\"reader\",\"scopes\":[\"cache:read\"]}");
        assertEquals(201, created.status(), created.body());
        String clientId = created.json("clientId");
        String reader = Tenants.token(fast, clientId, created.json("clientSecret"));
        assertEquals(200, get(fast, reader, path).status());
        long before = answered();
        assertEquals(200, get(fast, reader, path).status());
        assertEquals(before + 1, answered(), "the reader's hits are on the fast path");

        assertEquals(204, fast.delete("/v1/clients/" + clientId, token).status());
        assertProblem(401, get(fast, reader, path));
        assertProblem(401, get(plain, reader, path));
    }

    @Test
    void hitsAreTimedCountedAndLoggedAsMicronautWouldHaveDone() {
        String ns = ns();
        String path = cached(ns, "k", "[]");
        double timed = requestsTimed();
        long hits = hits(ns);
        Logger access = (Logger) LoggerFactory.getLogger(AccessLogFilter.LOGGER);
        Level level = access.getLevel();
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        access.addAppender(lines);
        access.setLevel(Level.DEBUG);
        long before = answered();
        try {
            for (int i = 0; i < 5; i++) {
                assertEquals(200, get(fast, token, path, "X-Request-Id", "logged-" + i).status());
            }
        } finally {
            access.setLevel(level);
            access.detachAppender(lines);
        }
        assertEquals(before + 5, answered());
        assertEquals(timed + 5, requestsTimed(), "http_server_requests_seconds_count of the route");
        assertEquals(hits + 5, hits(ns), "the namespace's hits");
        List<String> logged = lines.list.stream()
                .filter(e -> e.getFormattedMessage().startsWith("GET /v1/cache/{ns}/{key} 200 ")
                        && e.getFormattedMessage().endsWith(" path=/v1/cache/" + ns + "/k"))
                .map(e -> e.getMDCPropertyMap().get("requestId")).toList();
        assertEquals(List.of("logged-0", "logged-1", "logged-2", "logged-3", "logged-4"), logged);
    }

    private static double requestsTimed() {
        String metrics = fast.get("/prometheus", null).body();
        Matcher m = Pattern.compile("(?m)^http_server_requests_seconds_count\\{(.*)} (\\S+)$").matcher(metrics);
        while (m.find()) {
            String labels = m.group(1);
            if (labels.contains("uri=\"/v1/cache/{ns}/{key}\"") && labels.contains("status=\"200\"")
                    && labels.contains("method=\"GET\"") && labels.contains("exception=\"none\"")) {
                return Double.parseDouble(m.group(2));
            }
        }
        return 0;
    }

    /** The namespace's hits on the fast instance, all tiers together (one per hit, whichever tier answered). */
    private static long hits(String ns) {
        StrataInstance.Response stats = get(fast, token, "/v1/cache/" + ns + "/stats");
        Matcher m = Pattern.compile("\"hits\"\\s*:\\s*\\{\"L1\":(\\d+),\"L2\":(\\d+),\"L3\":(\\d+)}").matcher(stats.body());
        assertTrue(m.find(), stats.body());
        return Long.parseLong(m.group(1)) + Long.parseLong(m.group(2)) + Long.parseLong(m.group(3));
    }

    // --- a raw HTTP/1.1 connection: pipelining, HEAD, HTTP/1.0 -----------------------------------------------

    private record RawResponse(int status, Map<String, String> headers, String body) {
    }

    /** Writes {@code requests} in one go and reads {@code count} responses; unless {@code closes}, checks nothing follows. */
    private static List<RawResponse> exchange(StrataInstance instance, String requests, int count, boolean closes) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", instance.server.getPort())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(requests.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            List<RawResponse> responses = new ArrayList<>();
            boolean head = requests.startsWith("HEAD ");
            for (int i = 0; i < count; i++) {
                responses.add(read(in, head));
            }
            if (!closes) {
                socket.setSoTimeout(300);
                try {
                    assertEquals(-1, in.read(), "nothing but the responses asked for");
                } catch (SocketTimeoutException expected) {
                    // the connection stays open and quiet: as it should
                }
            }
            return responses;
        }
    }

    private static RawResponse read(InputStream in, boolean head) throws IOException {
        String statusLine = line(in);
        Matcher status = Pattern.compile("^HTTP/1\\.[01] (\\d{3}) ").matcher(statusLine);
        assertTrue(status.find(), statusLine);
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String line = line(in); !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
        }
        assertNull(headers.get("Transfer-Encoding"), "fixed-length responses expected");
        int length = head || headers.get("Content-Length") == null ? 0 : Integer.parseInt(headers.get("Content-Length"));
        byte[] body = in.readNBytes(length);
        assertEquals(length, body.length);
        return new RawResponse(Integer.parseInt(status.group(1)), headers, new String(body, StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            assertFalse(b < 0, "connection closed mid-response");
            if (b != '\r') {
                bytes.write(b);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}

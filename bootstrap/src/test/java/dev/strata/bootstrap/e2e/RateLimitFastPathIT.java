package dev.strata.bootstrap.e2e;

import static dev.strata.bootstrap.e2e.CacheEndToEndIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.strata.adapters.http.observability.AccessLogFilter;
import dev.strata.adapters.http.ratelimits.RateLimitConsumeFastPath;
import dev.strata.application.identity.port.CreateTenantUseCase.TenantCreated;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The fast path for rate-limit decisions ({@link RateLimitConsumeFastPath}): instance {@code fast} has it (the
 * default), instance {@code plain} has it switched off, both on the same stores. A plain authorised decision is
 * answered by the fast path exactly as Micronaut answers it (status, body, headers, metrics, access log) and
 * counted with the other instance's; bad input, missing scopes, unknown policies and revoked clients still get
 * Micronaut's answers; the limit holds exactly across both instances under concurrency.
 */
class RateLimitFastPathIT {
    private static final Pattern BODY = Pattern.compile(
            "\\{\"allowed\":(true|false),\"limit\":(\\d+),\"remaining\":(\\d+),\"resetAt\":\"(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z)\"}");
    private static StrataInstance fast;
    private static StrataInstance plain;
    private static TenantCreated tenant;
    private static String token;

    @BeforeAll
    static void start() {
        fast = StrataInstance.start();
        plain = StrataInstance.start(Map.of(RateLimitConsumeFastPath.ENABLED, false));
        tenant = Tenants.create(fast);
        token = Tenants.adminToken(fast, tenant);
    }

    @AfterAll
    static void stop() {
        fast.close();
        plain.close();
    }

    private static long answered() {
        return fast.context.getBean(RateLimitConsumeFastPath.class).answered();
    }

    private static String policy(int limit) {
        String name = "p-" + UUID.randomUUID().toString().substring(0, 8);
        StrataInstance.Response saved = fast.send(fast.builder("/v1/rate-limits/" + name, token)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"limit\":" + limit + ",\"windowSeconds\":60}")));
        assertEquals(200, saved.status(), saved.body());
        return name;
    }

    private static StrataInstance.Response consume(StrataInstance instance, String bearer, String policy, String json,
                                                   String... headers) {
        return instance.postJson("/v1/rate-limits/" + policy + "/consume", bearer, json, headers);
    }

    /** Headers by lower-case name, without Date and X-Request-Id, with the counts of Reset, Retry-After and Remaining left out. */
    private static Map<String, String> comparable(StrataInstance.Response response) {
        Map<String, String> headers = new TreeMap<>();
        response.headers().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!lower.equals("date") && !lower.equals("x-request-id")) {
                String value = String.join(",", values);
                headers.put(lower, lower.equals("ratelimit-reset") || lower.equals("retry-after")
                        || lower.equals("ratelimit-remaining") ? "N" : value);
            }
        });
        return headers;
    }

    private static Matcher body(StrataInstance.Response response) {
        Matcher m = BODY.matcher(response.body());
        assertTrue(m.matches(), response.body());
        return m;
    }

    @Test
    void decisionsAreAnsweredExactlyAsMicronautAnswersThemAndCountedTogether() {
        assertTrue(plain.context.findBean(RateLimitConsumeFastPath.class).isEmpty(), "switched off on plain");
        String policy = policy(3);
        String json = "{ \"key\" : \"clé 1\" }";
        // the first decision on fast reads the policy: Micronaut's path; then the policy is known
        StrataInstance.Response first = consume(fast, token, policy, json);
        long before = answered();
        StrataInstance.Response second = consume(fast, token, policy, json, "X-Request-Id", "rl-fast-1");
        assertEquals(before + 1, answered(), "answered on the fast path");
        StrataInstance.Response third = consume(plain, token, policy, json, "X-Request-Id", "rl-plain-1");
        StrataInstance.Response refusedFast = consume(fast, token, policy, json);
        StrataInstance.Response refusedPlain = consume(plain, token, policy, json);
        assertEquals(before + 2, answered());

        assertEquals(List.of(200, 200, 200, 429, 429), List.of(first.status(), second.status(), third.status(),
                refusedFast.status(), refusedPlain.status()));
        assertEquals(List.of("2", "1", "0", "0", "0"), List.of(body(first).group(3), body(second).group(3),
                body(third).group(3), body(refusedFast).group(3), body(refusedPlain).group(3)));
        assertEquals("true", body(second).group(1));
        assertEquals("false", body(refusedFast).group(1));
        assertEquals("3", body(refusedFast).group(2));
        assertEquals(comparable(third), comparable(second), "the same headers as Micronaut's 200");
        assertEquals(comparable(refusedPlain), comparable(refusedFast), "the same headers as Micronaut's 429");
        assertEquals("rl-fast-1", second.header("X-Request-Id"));
        assertTrue(second.header("Date").endsWith(" GMT"), second.header("Date"));
        assertTrue(Integer.parseInt(refusedFast.header("Retry-After")) >= 1, refusedFast.header("Retry-After"));
        assertEquals("0", refusedFast.header("RateLimit-Remaining"));
        assertEquals(body(refusedPlain).group(4).length() > 20, body(refusedFast).group(4).length() > 20);
        // a cost in the body counts as in Micronaut's reading
        String other = policy(10);
        consume(fast, token, other, "{\"key\":\"k\"}");
        StrataInstance.Response costly = consume(fast, token, other, "{\"cost\":4,\"key\":\"k\"}");
        assertEquals("5", body(costly).group(3));
        assertEquals("4", body(consume(plain, token, other, "{\"key\":\"k\"}")).group(3));
    }

    @Test
    void badInputAndRefusalsAreMicronautsToAnswer() {
        String policy = policy(100);
        consume(fast, token, policy, "{\"key\":\"warm\"}");
        assertEquals(200, consume(fast, token, policy, "{\"key\":\"warm\"}").status());
        long before = answered();
        for (StrataInstance instance : List.of(fast, plain)) {
            assertProblem(400, consume(instance, token, policy, "{\"key\":\"\"}"));
            assertProblem(400, consume(instance, token, policy, "{\"key\":\"k\",\"cost\":0}"));
            assertProblem(400, consume(instance, token, policy, "{\"key\":\"k\",\"cost\":1001}"));
            assertProblem(400, consume(instance, token, policy, "{\"cost\":1}"));
            assertProblem(400, consume(instance, token, policy, "not json"));
            assertProblem(404, consume(instance, token, "no-such-policy", "{\"key\":\"k\"}"));
            assertProblem(401, consume(instance, null, policy, "{\"key\":\"k\"}"));
            assertProblem(401, consume(instance, "bad.token.here", policy, "{\"key\":\"k\"}"));
            assertProblem(403, consume(instance, Tenants.adminToken(fast, tenant, "cache:read"), policy, "{\"key\":\"k\"}"));
        }
        assertEquals(before, answered(), "none of these on the fast path");
        // a body Micronaut reads differently from the plain case (an escape) is still answered, by Micronaut
        StrataInstance.Response escaped = consume(fast, token, policy, "{\"key\":\"w\\u0061rm\"}");
        assertEquals(200, escaped.status(), escaped.body());
        assertEquals(before, answered());
        assertEquals("97", body(escaped).group(3), "the same key as \"warm\": counted together");
    }

    @Test
    void aDeletedClientIsRefusedOnTheNextDecision() {
        String policy = policy(100);
        String clientJson = "{\"name\":\"limited\",\"scopes\":[\"ratelimit\"]}";
        StrataInstance.Response created = fast.postJson("/v1/clients", token, clientJson);
        assertEquals(201, created.status(), created.body());
        String clientId = created.json("clientId");
        String limited = Tenants.token(fast, clientId, created.json("clientSecret"));
        long before = answered();
        // the first decision checks the client in the stores (Micronaut's path); memory vouches for it from then
        // on, and on a loaded machine (the coherence channel late) only for the bound after its last check
        for (int i = 0; i < 20 && answered() == before; i++) {
            assertEquals(200, consume(fast, limited, policy, "{\"key\":\"r\"}").status());
        }
        assertTrue(answered() > before, "answered on the fast path");
        assertEquals(204, fast.delete("/v1/clients/" + clientId, token).status());
        assertProblem(401, consume(fast, limited, policy, "{\"key\":\"r\"}"));
        assertProblem(401, consume(plain, limited, policy, "{\"key\":\"r\"}"));
    }

    @Test
    void theLimitHoldsExactlyAcrossBothInstancesUnderConcurrency() throws Exception {
        String policy = policy(40);
        consume(fast, token, policy, "{\"key\":\"other\"}"); // the policy is known on fast from here on
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                StrataInstance instance = i % 2 == 0 ? fast : plain;
                statuses.add(pool.submit(() -> consume(instance, token, policy, "{\"key\":\"shared\"}").status()));
            }
            int allowed = 0;
            for (Future<Integer> status : statuses) {
                int code = status.get();
                assertTrue(code == 200 || code == 429, "status " + code);
                allowed += code == 200 ? 1 : 0;
            }
            assertEquals(40, allowed, "exactly the limit, across both instances");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void decisionsAreTimedAndRefusalsLoggedAsMicronautWouldHaveDone() {
        String policy = policy(2);
        consume(fast, token, policy, "{\"key\":\"m\"}");
        double allowedBefore = timed("200");
        double refusedBefore = timed("429");
        Logger access = (Logger) LoggerFactory.getLogger(AccessLogFilter.LOGGER);
        ch.qos.logback.classic.Level level = access.getLevel();
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        access.addAppender(lines);
        access.setLevel(ch.qos.logback.classic.Level.INFO);
        long before = answered();
        try {
            assertEquals(200, consume(fast, token, policy, "{\"key\":\"m\"}").status());
            assertEquals(429, consume(fast, token, policy, "{\"key\":\"m\"}", "X-Request-Id", "refused-1").status());
        } finally {
            access.setLevel(level);
            access.detachAppender(lines);
        }
        assertEquals(before + 2, answered());
        assertEquals(allowedBefore + 1, timed("200"), "http_server_requests_seconds_count of the route, 200");
        assertEquals(refusedBefore + 1, timed("429"), "http_server_requests_seconds_count of the route, 429");
        List<String> logged = lines.list.stream()
                .filter(e -> e.getFormattedMessage().startsWith("POST /v1/rate-limits/{policy}/consume 429 "))
                .map(e -> e.getMDCPropertyMap().get("requestId")).toList();
        assertEquals(List.of("refused-1"), logged, "a refusal is an INFO line with the route's template");
    }

    private static double timed(String status) {
        String metrics = fast.get("/prometheus", null).body();
        Matcher m = Pattern.compile("(?m)^http_server_requests_seconds_count\\{(.*)} (\\S+)$").matcher(metrics);
        while (m.find()) {
            String labels = m.group(1);
            if (labels.contains("uri=\"/v1/rate-limits/{policy}/consume\"") && labels.contains("status=\"" + status + "\"")
                    && labels.contains("method=\"POST\"") && labels.contains("exception=\"none\"")) {
                return Double.parseDouble(m.group(2));
            }
        }
        return 0;
    }
}

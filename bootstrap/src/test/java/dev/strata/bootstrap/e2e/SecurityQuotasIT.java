package dev.strata.bootstrap.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.application.identity.port.CreateTenantUseCase.TenantCreated;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Per-tenant quotas ({@code strata.quotas.*}): with small quotas, the resource one past a tenant's quota is
 * refused with 429 problem+json naming the quota and its limit, while another tenant is untouched (both ways).
 * Two instances share one Redis and one Postgres, so the quotas hold across instances.
 */
class SecurityQuotasIT {
    private static StrataInstance a;
    private static StrataInstance b;

    @BeforeAll
    static void start() {
        Map<String, Object> quotas = Map.of(
                "strata.quotas.namespaces", 3,
                "strata.quotas.topics", 2,
                "strata.quotas.groups", 2,
                "strata.quotas.sse-streams", 2,
                "strata.quotas.rate-limit-policies", 2,
                "strata.quotas.sliding-window-limit", 100,
                // a closed stream is noticed at the next write at the latest
                "strata.events.heartbeat", "1s");
        a = StrataInstance.start(quotas);
        b = StrataInstance.start(quotas);
    }

    @AfterAll
    static void stop() {
        a.close();
        b.close();
    }

    private static String tenantToken() {
        TenantCreated tenant = Tenants.create(a);
        return Tenants.adminToken(a, tenant);
    }

    private static void assertQuotaRefused(StrataInstance.Response response, String quota, long limit) {
        assertEquals(429, response.status(), response.body());
        assertTrue(response.header("Content-Type").startsWith("application/problem+json"), response.header("Content-Type"));
        assertEquals("urn:strata:problem:quota.exceeded", response.json("type"), response.body());
        assertEquals(quota, response.json("quota"), response.body());
        assertTrue(response.body().matches("(?s).*\"limit\"\\s*:\\s*" + limit + "\\b.*"), response.body());
    }

    private static StrataInstance.Response putJson(StrataInstance instance, String path, String token, String json) {
        return instance.send(instance.builder(path, token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    // ------------------------------------------------------------------ cache namespaces

    @Test
    void theFourthNamespaceOfATenantIsRefusedAndOtherTenantsAreNotAffected() {
        String first = tenantToken();
        String second = tenantToken();
        assertEquals(200, putJson(a, "/v1/cache/configured", first, "{\"defaultTtlSeconds\":60}").status());
        assertEquals(204, putJson(a, "/v1/cache/ns-two/k", first, "1").status());
        assertEquals(204, putJson(b, "/v1/cache/ns-three/k", first, "1").status(), "the other instance counts the same");
        // reads of unknown namespaces create nothing
        for (int i = 0; i < 10; i++) {
            assertEquals(404, a.get("/v1/cache/read-only-" + i + "/k", first).status());
        }
        assertQuotaRefused(putJson(a, "/v1/cache/ns-four/k", first, "1"), "namespaces", 3);
        assertQuotaRefused(putJson(b, "/v1/cache/ns-four/k", first, "1"), "namespaces", 3);
        assertQuotaRefused(putJson(b, "/v1/cache/ns-five", first, "{\"defaultTtlSeconds\":60}"), "namespaces", 3);
        assertEquals(404, a.get("/v1/cache/ns-four/k", first).status(), "nothing was stored");
        // the tenant's own namespaces stay usable
        assertEquals(204, putJson(b, "/v1/cache/configured/k", first, "2").status());
        assertEquals(204, putJson(a, "/v1/cache/ns-two/k2", first, "2").status());

        // the other tenant has its whole quota, and fills it without touching the first one's
        for (String ns : List.of("ns-four", "ns-five", "ns-six")) {
            assertEquals(204, putJson(a, "/v1/cache/" + ns + "/k", second, "1").status(), ns);
        }
        assertQuotaRefused(putJson(a, "/v1/cache/ns-seven/k", second, "1"), "namespaces", 3);
        assertEquals(204, putJson(a, "/v1/cache/ns-three/k", first, "3").status());
    }

    // ------------------------------------------------------------------ topics and groups

    @Test
    void theThirdTopicAndTheThirdGroupOfATenantAreRefused() {
        String first = tenantToken();
        String second = tenantToken();
        String event = "{\"type\":\"t.happened\",\"data\":{}}";
        assertEquals(201, a.postJson("/v1/topics/orders/events", first, event).status());
        assertEquals(201, b.postJson("/v1/topics/payments/events", first, event).status());
        assertQuotaRefused(a.postJson("/v1/topics/refunds/events", first, event), "topics", 2);
        assertQuotaRefused(b.postJson("/v1/topics/refunds/events", first, event), "topics", 2);
        assertEquals(201, b.postJson("/v1/topics/orders/events", first, event).status(), "known topics stay writable");
        assertEquals(201, a.postJson("/v1/topics/refunds/events", second, event).status(), "another tenant is unaffected");

        String group = "{\"startAt\":\"earliest\"}";
        assertEquals(201, putJson(a, "/v1/topics/orders/groups/billing", first, group).status());
        assertEquals(201, putJson(b, "/v1/topics/payments/groups/billing", first, group).status());
        assertQuotaRefused(putJson(a, "/v1/topics/orders/groups/audit", first, group), "groups", 2);
        assertQuotaRefused(putJson(b, "/v1/topics/orders/groups/audit", first, group), "groups", 2);
        assertEquals(200, putJson(b, "/v1/topics/orders/groups/billing", first, group).status(), "an existing group is no new one");
        assertEquals(201, putJson(a, "/v1/topics/refunds/groups/audit", second, group).status());
        assertEquals(201, putJson(a, "/v1/topics/refunds/groups/billing", second, group).status());
        assertQuotaRefused(putJson(a, "/v1/topics/refunds/groups/third", second, group), "groups", 2);
    }

    // ------------------------------------------------------------------ rate-limit policies

    @Test
    void theThirdPolicyAndAHugeSlidingWindowAreRefused() {
        String first = tenantToken();
        String second = tenantToken();
        String small = "{\"limit\":10,\"windowSeconds\":60,\"algorithm\":\"sliding-window\"}";
        // one entry per unit granted: a million units over 31 days would be a million entries per key
        String huge = "{\"limit\":1000000,\"windowSeconds\":2678400,\"algorithm\":\"sliding-window\"}";
        assertQuotaRefused(putJson(a, "/v1/rate-limits/huge", first, huge), "sliding-window-limit", 100);
        assertEquals(200, putJson(a, "/v1/rate-limits/at-cap", first,
                "{\"limit\":100,\"windowSeconds\":60,\"algorithm\":\"sliding-window\"}").status());
        // a token bucket is two numbers whatever its limit
        assertEquals(200, putJson(b, "/v1/rate-limits/bucket", first,
                "{\"limit\":1000000,\"windowSeconds\":60,\"algorithm\":\"token-bucket\"}").status());
        assertQuotaRefused(putJson(a, "/v1/rate-limits/third", first, small), "rate-limit-policies", 2);
        assertQuotaRefused(putJson(b, "/v1/rate-limits/third", first, small), "rate-limit-policies", 2);
        assertEquals(200, putJson(b, "/v1/rate-limits/at-cap", first, small).status(), "replacing a policy is no new one");
        assertQuotaRefused(putJson(b, "/v1/rate-limits/at-cap", first, huge), "sliding-window-limit", 100);
        assertEquals(200, putJson(a, "/v1/rate-limits/third", second, small).status(), "another tenant is unaffected");
        assertEquals(200, a.postJson("/v1/rate-limits/at-cap/consume", first, "{\"key\":\"k\"}").status());
    }

    // ------------------------------------------------------------------ open SSE streams

    /** Opens a stream expecting the refusal; an accepted stream is closed at once (reading it would never end). */
    private static void assertStreamRefused(StrataInstance instance, String token, String topic) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) instance.uri("/v1/topics/" + topic + "/stream").toURL().openConnection();
        try {
            connection.setRequestProperty("Authorization", "Bearer " + token);
            connection.setRequestProperty("Accept", "text/event-stream");
            connection.setConnectTimeout(10_000);
            connection.setReadTimeout(10_000);
            int status = connection.getResponseCode();
            assertEquals(429, status, "a stream beyond the quota was opened");
            String body;
            try (InputStream error = connection.getErrorStream()) {
                body = new String(error.readAllBytes(), StandardCharsets.UTF_8);
            }
            assertQuotaRefused(new StrataInstance.Response(status, body, connection.getHeaderFields().entrySet().stream()
                    .filter(e -> e.getKey() != null).collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue))),
                    "sse-streams", 2);
        } finally {
            connection.disconnect();
        }
    }

    @Test
    void theThirdOpenStreamOfATenantIsRefusedAcrossInstancesAndAClosedOneFreesItsSlot() throws Exception {
        String first = tenantToken();
        String second = tenantToken();
        List<EventsClient.Sse> open = new ArrayList<>();
        try {
            open.add(new EventsClient.Sse(a, first, "live", null));
            open.add(new EventsClient.Sse(b, first, "live", null));
            assertEquals(200, open.get(0).status);
            assertEquals(200, open.get(1).status);
            assertStreamRefused(a, first, "live");
            assertStreamRefused(b, first, "other");

            // the other tenant opens its own two, and is then refused in turn
            open.add(new EventsClient.Sse(a, second, "live", null));
            open.add(new EventsClient.Sse(b, second, "live", null));
            assertEquals(200, open.get(2).status);
            assertEquals(200, open.get(3).status);
            assertStreamRefused(a, second, "live");

            // closing one of the first tenant's streams gives its slot back (once the server notices)
            open.remove(0).close();
            EventsClient.Sse again = null;
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (again == null && System.nanoTime() < deadline) {
                EventsClient.Sse attempt = new EventsClient.Sse(b, first, "live", null);
                if (attempt.status == 200) {
                    again = attempt;
                } else {
                    assertEquals(429, attempt.status);
                    attempt.close();
                    Thread.sleep(200);
                }
            }
            assertTrue(again != null, "the slot of the closed stream was never freed");
            open.add(again);
            assertStreamRefused(a, first, "live");
        } finally {
            open.forEach(EventsClient.Sse::close);
        }
    }
}

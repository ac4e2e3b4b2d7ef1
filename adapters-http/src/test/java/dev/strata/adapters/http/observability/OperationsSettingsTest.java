package dev.strata.adapters.http.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.adapters.http.testing.FakeProbe;
import dev.strata.adapters.http.testing.TestServer;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the adapter with the management and metrics settings the application is configured with, to
 * prove that they give what operators rely on: /prometheus open with latency histograms, our /health,
 * nothing else of the management module exposed, and the body limit taken from strata.http.max-body.
 */
class OperationsSettingsTest {
    static final Map<String, Object> SETTINGS = Map.ofEntries(
            Map.entry("strata.http.max-body", "2KB"),
            Map.entry("micronaut.server.max-request-size", "${strata.http.max-body:1MB}"),
            Map.entry("endpoints.all.enabled", false),
            Map.entry("endpoints.health.enabled", false),
            Map.entry("endpoints.health.jdbc.enabled", false),
            Map.entry("endpoints.health.disk-space.enabled", false),
            Map.entry("redis.health.enabled", false),
            Map.entry("endpoints.prometheus.enabled", true),
            Map.entry("endpoints.prometheus.sensitive", false),
            Map.entry("micronaut.metrics.enabled", true),
            Map.entry("micronaut.metrics.export.prometheus.enabled", true),
            Map.entry("micronaut.metrics.export.prometheus.descriptions", true),
            Map.entry("micronaut.metrics.binders.web.enabled", true),
            Map.entry("micronaut.metrics.binders.web.server.histogram", true));

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(SETTINGS, new FakeProbe("redis", false), new FakeProbe("postgres", true));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void prometheusIsOpenWithLatencyHistogramsAndComponentGauges() {
        assertEquals(200, server.get("/test/items").statusCode());
        assertEquals(200, server.get("/health").statusCode());

        HttpResponse<String> response = server.get("/prometheus");

        assertEquals(200, response.statusCode());
        String text = response.body();
        assertTrue(text.contains("http_server_requests_seconds_bucket{"), "latency histogram");
        assertTrue(text.contains("strata_component_up{component=\"redis\"} 1.0"), "component gauge");
        assertTrue(text.contains("strata_component_up{component=\"postgres\"} 1.0"), "component gauge");
    }

    @Test
    void healthIsOursNotTheManagementEndpoint() {
        HttpResponse<String> response = server.get("/health");

        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("\"components\":{\"postgres\":{\"status\":\"UP\""), response.body());
    }

    @Test
    void noOtherManagementEndpointIsExposed() {
        for (String path : new String[] {"/beans", "/routes", "/info", "/metrics", "/loggers", "/threaddump", "/env"}) {
            assertEquals(404, server.get(path).statusCode(), path);
        }
    }

    @Test
    void theBodyLimitComesFromStrataHttpMaxBody() {
        String body = "{\"name\": \"" + "x".repeat(3000) + "\", \"count\": 1}";

        HttpResponse<String> response = server.postJson("/test/items", body);

        assertEquals(413, response.statusCode());
        assertTrue(response.body().contains("limit is 2048 bytes"), response.body());
        assertEquals(201, server.postJson("/test/items", "{\"name\": \"" + "x".repeat(1500) + "\", \"count\": 1}").statusCode());
    }
}

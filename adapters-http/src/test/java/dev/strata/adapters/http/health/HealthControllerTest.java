package dev.strata.adapters.http.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.adapters.http.testing.FakeProbe;
import dev.strata.adapters.http.testing.TestServer;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HealthControllerTest {
    private static final FakeProbe REDIS = new FakeProbe("redis", false);
    private static final FakeProbe POSTGRES = new FakeProbe("postgres", true);
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of(), REDIS, POSTGRES);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void allUp() {
        REDIS.up(true).delay(Duration.ZERO);
        POSTGRES.up(true).delay(Duration.ZERO);
    }

    @Test
    void upWhenEveryStoreAnswers() {
        HttpResponse<String> response = server.get("/health");

        HealthReport report = report(response, 200);
        assertEquals(HealthStatus.UP, report.status());
        assertEquals(HealthStatus.UP, report.components().get("redis").status());
        assertEquals(HealthStatus.UP, report.components().get("postgres").status());
        assertEquals("postgres answers", report.components().get("postgres").detail());
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(null));
    }

    @Test
    void degradedButReadyWhenOnlyRedisIsDown() {
        REDIS.up(false);

        for (String path : new String[] {"/health", "/health/readiness"}) {
            HealthReport report = report(server.get(path), 200);
            assertEquals(HealthStatus.DEGRADED, report.status(), path);
            assertEquals(HealthStatus.DOWN, report.components().get("redis").status());
            assertEquals("redis refused the connection", report.components().get("redis").detail());
            assertEquals(HealthStatus.UP, report.components().get("postgres").status());
        }
    }

    @Test
    void downAndNotReadyWhenPostgresIsDown() {
        POSTGRES.up(false);

        for (String path : new String[] {"/health", "/health/readiness"}) {
            HealthReport report = report(server.get(path), 503);
            assertEquals(HealthStatus.DOWN, report.status(), path);
            assertEquals(HealthStatus.DOWN, report.components().get("postgres").status());
        }
    }

    @Test
    void aProbeThatDoesNotAnswerInTimeCountsAsDown() {
        // the test server gives probes 500ms altogether
        POSTGRES.delay(Duration.ofSeconds(3));

        HealthReport report = report(server.get("/health"), 503);

        assertEquals(HealthStatus.DOWN, report.components().get("postgres").status());
        assertTrue(report.components().get("postgres").detail().startsWith("no answer within"));
        assertEquals(HealthStatus.UP, report.components().get("redis").status());
    }

    @Test
    void livenessIsUpWithoutProbingStores() {
        POSTGRES.up(false);
        REDIS.up(false);

        HttpResponse<String> response = server.get("/health/liveness");

        assertEquals(200, response.statusCode());
        assertEquals("{\"status\":\"UP\"}", response.body());
        assertNull(server.read(response.body(), HealthReport.class).components());
    }

    @Test
    void eachComponentIsAGauge() {
        REDIS.up(false);
        server.get("/health");

        MeterRegistry registry = server.context().getBean(MeterRegistry.class);
        assertEquals(0.0, registry.get(HealthChecks.GAUGE).tag("component", "redis").gauge().value());
        assertEquals(1.0, registry.get(HealthChecks.GAUGE).tag("component", "postgres").gauge().value());
    }

    @Test
    void healthResponsesCarryARequestId() {
        assertTrue(server.get("/health").headers().firstValue("X-Request-Id").isPresent());
    }

    private static HealthReport report(HttpResponse<String> response, int status) {
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        return server.read(response.body(), HealthReport.class);
    }
}

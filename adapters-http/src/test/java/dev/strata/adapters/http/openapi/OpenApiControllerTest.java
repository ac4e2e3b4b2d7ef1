package dev.strata.adapters.http.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.adapters.http.testing.TestServer;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class OpenApiControllerTest {

    @Test
    void servesTheGeneratedDocumentAsYaml() {
        try (TestServer server = TestServer.start()) {
            HttpResponse<String> response = server.get("/openapi.yml");

            assertEquals(200, response.statusCode());
            assertEquals("application/yaml", response.headers().firstValue("Content-Type").orElse("").split(";")[0]);
            String yaml = response.body();
            assertTrue(yaml.startsWith("openapi:"), yaml.lines().findFirst().orElse(""));
            assertTrue(yaml.contains("title: Strata"));
            assertTrue(yaml.contains("bearerAuth"));
            assertTrue(yaml.contains("/health/readiness:"));
            // one route of every area is in the published contract
            for (String route : new String[] {"/v1/cache/{ns}/{key}:", "/v1/auth/token:", "/v1/sessions:",
                    "/v1/rate-limits/{policy}/consume:", "/v1/topics/{topic}/events:", "/v1/collections/{c}/search:",
                    "/v1/secrets/{name}/reveal:", "/v1/conversations/{id}/messages:", "/v1/queues/{q}/jobs:",
                    "/v1/queues/{q}/claim:", "/v1/jobs/{id}/complete:", "/v1/schedules/{name}:"}) {
                assertTrue(yaml.contains(route), route);
            }
            // test-only endpoints must not end up in the published contract
            assertFalse(yaml.contains("/test/"));
        }
    }
}

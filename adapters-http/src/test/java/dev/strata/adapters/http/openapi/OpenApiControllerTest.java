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
            // test-only endpoints must not end up in the published contract
            assertFalse(yaml.contains("/test/"));
        }
    }
}

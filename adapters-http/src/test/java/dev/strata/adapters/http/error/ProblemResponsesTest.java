package dev.strata.adapters.http.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.strata.adapters.http.testing.CapturedLogs;
import dev.strata.adapters.http.testing.FixtureController;
import dev.strata.adapters.http.testing.TestServer;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ProblemResponsesTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void unknownRouteIsA404Problem() {
        HttpResponse<String> response = server.get("/v1/no-such-thing?token=abc");

        Problem problem = assertProblem(response, 404, "http.not_found");
        assertEquals("/v1/no-such-thing", problem.instance());
        assertEquals("Not Found", problem.title());
    }

    @Test
    void unknownRouteIsA404ProblemEvenWhenTheClientPrefersHtml() {
        HttpResponse<String> response = server.send(server.request("/nowhere").header("Accept", "text/html").GET());

        assertProblem(response, 404, "http.not_found");
    }

    @Test
    void wrongMethodIsA405WithAllow() {
        HttpResponse<String> response = server.send(server.request("/test/items").DELETE());

        assertProblem(response, 405, "http.method_not_allowed");
        String allow = response.headers().firstValue("Allow").orElse("");
        Set<String> methods = Stream.of(allow.split(",")).map(String::trim).collect(Collectors.toSet());
        assertTrue(methods.containsAll(Set.of("GET", "POST")), "Allow: " + allow);
    }

    @Test
    void unsupportedContentTypeIsA415() {
        HttpResponse<String> response = server.send(server.request("/test/text")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")));

        assertProblem(response, 415, "http.unsupported_media_type");
    }

    @Test
    void unacceptableAcceptIsA406() {
        HttpResponse<String> response = server.send(server.request("/test/csv").header("Accept", "application/xml").GET());

        assertProblem(response, 406, "http.not_acceptable");
    }

    @Test
    void malformedJsonIsA400() {
        HttpResponse<String> response = server.postJson("/test/items", "{\"name\": \"a\", \"count\": ");

        assertProblem(response, 400, "http.malformed_json");
    }

    @Test
    void missingRequiredFieldIsA400NamingTheField() {
        HttpResponse<String> response = server.postJson("/test/items", "{\"count\": 2}");

        Problem problem = assertProblem(response, 400, "http.validation");
        assertEquals(List.of("name"), fields(problem));
        assertNotNull(problem.errors().get(0).message());
    }

    @Test
    void everyViolatedFieldIsListedWithItsClientPath() {
        HttpResponse<String> response = server.postJson("/test/items",
                "{\"name\": \" \", \"count\": 0, \"tags\": [{\"label\": \"ok\"}, {\"label\": \"\"}]}");

        Problem problem = assertProblem(response, 400, "http.validation");
        assertEquals(List.of("count", "name", "tags[1].label"), fields(problem));
    }

    @Test
    void wrongTypeIsA400() {
        HttpResponse<String> response = server.postJson("/test/items", "{\"name\": \"a\", \"count\": \"many\"}");

        assertProblem(response, 400, "http.invalid_body");
    }

    @Test
    void unknownEnumValueIsA400() {
        HttpResponse<String> response = server.postJson("/test/items", "{\"name\": \"a\", \"count\": 1, \"color\": \"PURPLE\"}");

        assertProblem(response, 400, "http.invalid_body");
    }

    @Test
    void missingBodyIsA400() {
        HttpResponse<String> response = server.send(server.request("/test/items")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.noBody()));

        Problem problem = assertProblem(response, 400, null);
        assertTrue(problem.type().startsWith("urn:strata:problem:http."), problem.type());
    }

    @Test
    void validBodyStillWorks() {
        HttpResponse<String> response = server.postJson("/test/items", "{\"name\": \"a\", \"count\": 1, \"color\": \"RED\"}");

        assertEquals(201, response.statusCode(), response.body());
    }

    @Test
    void unconvertibleQueryParameterIsA400NamingIt() {
        HttpResponse<String> response = server.get("/test/items?limit=lots");

        Problem problem = assertProblem(response, 400, "http.invalid_parameter");
        assertEquals(List.of("limit"), fields(problem));
    }

    @Test
    void outOfRangeQueryParameterIsAValidationProblem() {
        HttpResponse<String> response = server.get("/test/items?limit=501");

        Problem problem = assertProblem(response, 400, "http.validation");
        assertEquals(List.of("limit"), fields(problem));
    }

    @Test
    void bodyOverTheLimitIsA413Problem() {
        String big = "{\"name\": \"" + "x".repeat(TestServer.MAX_BODY * 2) + "\", \"count\": 1}";

        HttpResponse<String> response = server.postJson("/test/items", big);

        Problem problem = assertProblem(response, 413, "http.payload_too_large");
        assertTrue(problem.detail().contains(Integer.toString(TestServer.MAX_BODY)), problem.detail());
    }

    @Test
    void chunkedBodyOverTheLimitIsA413Problem() {
        byte[] big = ("{\"name\": \"" + "x".repeat(TestServer.MAX_BODY * 2) + "\", \"count\": 1}").getBytes(StandardCharsets.UTF_8);

        // no Content-Length: the limit can only be noticed while the body streams in
        HttpResponse<String> response = server.send(server.request("/test/items").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))));

        assertProblem(response, 413, "http.payload_too_large");
    }

    @Test
    void oversizedHeadersAreA413ProblemWithARequestId() {
        // rejected while the request is decoded, before any filter: the processor must still answer in full
        HttpResponse<String> response = server.send(server.request("/test/items").header("X-Padding", "x".repeat(20_000)).GET());

        assertProblem(response, 413, "http.payload_too_large");
        // the headers could not be read, so the id is a fresh one
        UUID.fromString(response.headers().firstValue("X-Request-Id").orElseThrow());
    }

    static Stream<Arguments> domainFailures() {
        return Stream.of(
                Arguments.of("invalid", 400, "cache.key_too_long"),
                Arguments.of("not-found", 404, "cache.miss"),
                Arguments.of("conflict", 409, "vectors.collection_exists"),
                Arguments.of("precondition", 412, "cache.etag_mismatch"),
                Arguments.of("other", 400, "test.quota_exceeded"),
                Arguments.of("store", 503, "http.service_unavailable"),
                Arguments.of("status", 422, "http.unprocessable_entity"));
    }

    @ParameterizedTest
    @MethodSource("domainFailures")
    void exceptionsMapToTheirStatusAndCode(String kind, int status, String code) {
        HttpResponse<String> response = server.get("/test/fail/" + kind);

        assertProblem(response, status, code);
    }

    @Test
    void invalidInputNamesItsField() {
        Problem problem = assertProblem(server.get("/test/fail/invalid"), 400, "cache.key_too_long");

        assertEquals("key must be at most 512 bytes", problem.detail());
        assertEquals(List.of(new Problem.FieldError("key", "key must be at most 512 bytes")), problem.errors());
    }

    @Test
    void messagesWrittenForClientsAreTheDetail() {
        assertEquals("no such key", assertProblem(server.get("/test/fail/not-found"), 404, "cache.miss").detail());
        assertEquals("the vector has the wrong dimension",
                assertProblem(server.get("/test/fail/status"), 422, "http.unprocessable_entity").detail());
        assertEquals("no such session", assertProblem(server.get("/test/fail/status-404"), 404, "http.not_found").detail());
    }

    @Test
    void storeOutageIsA503WithRetryAfterAndAGenericDetail() {
        HttpResponse<String> response = server.get("/test/fail/store");

        Problem problem = assertProblem(response, 503, "http.service_unavailable");
        assertEquals("1", response.headers().firstValue("Retry-After").orElse(null));
        assertFalse(problem.detail().contains("redis"), problem.detail());
    }

    @Test
    void unexpectedExceptionIsA500ThatRevealsNothingButIsLoggedInFull() {
        try (CapturedLogs logs = CapturedLogs.of(ProblemExceptionHandler.class)) {
            HttpResponse<String> response = server.send(server.request("/test/fail/boom").header("X-Request-Id", "boom-1").GET());

            Problem problem = assertProblem(response, 500, "http.internal_error");
            assertNull(problem.errors());
            for (String leak : List.of("IllegalStateException", "java.", "dev.strata", "hunter2", "SELECT", "at ")) {
                assertFalse(response.body().contains(leak), "body leaks '" + leak + "': " + response.body());
            }
            List<ILoggingEvent> errors = logs.events().stream().filter(e -> e.getLevel() == Level.ERROR).toList();
            assertEquals(1, errors.size());
            assertNotNull(errors.get(0).getThrowableProxy(), "the stack trace goes to the log");
            assertEquals("boom-1", errors.get(0).getMDCPropertyMap().get("requestId"));
        }
    }

    @Test
    void problemsMadeByOtherFiltersKeepTheirShape() {
        HttpResponse<String> response = server.get("/test/guarded");

        Problem problem = assertProblem(response, 401, "auth.missing_token");
        assertEquals("A bearer token is required.", problem.detail());
    }

    @Test
    void bareErrorStatusesFromControllersGetAProblemBody() {
        assertProblem(server.get("/test/bare/404"), 404, "http.not_found");
        assertProblem(server.get("/test/bare/412"), 412, "http.precondition_failed");
        assertProblem(server.get("/test/bare/502"), 502, "http.bad_gateway");
        assertEquals(204, server.get("/test/bare/204").statusCode());
    }

    @Test
    void managementEndpointRefusalsAreProblemsToo() {
        // sensitive management endpoints answer a bare 401 of their own
        assertProblem(server.get("/beans"), 401, "http.unauthorized");
    }

    @Test
    void headOfAnUnknownRouteIsA404WithoutBody() {
        HttpResponse<String> response = server.send(server.request("/nowhere").method("HEAD", HttpRequest.BodyPublishers.noBody()));

        assertEquals(404, response.statusCode());
        assertEquals("", response.body());
    }

    private static List<String> fields(Problem problem) {
        assertNotNull(problem.errors(), "errors");
        return problem.errors().stream().map(Problem.FieldError::field).toList();
    }

    /** Asserts the RFC 9457 shape and that nothing technical leaks; returns the parsed body. */
    static Problem assertProblem(HttpResponse<String> response, int status, String code) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse("").split(";")[0],
                "content type");
        assertTrue(response.headers().firstValue("X-Request-Id").isPresent(), "X-Request-Id");
        Problem problem = server.read(response.body(), Problem.class);
        assertEquals(status, problem.status());
        if (code != null) {
            assertEquals("urn:strata:problem:" + code, problem.type());
        }
        assertNotNull(problem.title());
        assertNotNull(problem.detail());
        assertNotNull(problem.instance());
        for (String leak : List.of("Exception", "java.", "io.micronaut", "dev.strata", "\tat ", "[class ")) {
            assertFalse(response.body().contains(leak), "body leaks '" + leak + "': " + response.body());
        }
        return problem;
    }
}

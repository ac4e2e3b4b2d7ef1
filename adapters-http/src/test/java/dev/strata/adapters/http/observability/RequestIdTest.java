package dev.strata.adapters.http.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.strata.adapters.http.testing.CapturedLogs;
import dev.strata.adapters.http.testing.TestServer;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestIdTest {
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
    void echoesAValidClientId() {
        HttpResponse<String> response = server.send(server.request("/test/items").header("X-Request-Id", "client-42:a.b_c").GET());

        assertEquals(200, response.statusCode());
        assertEquals("client-42:a.b_c", requestId(response));
    }

    @Test
    void generatesAnIdWhenTheClientSentNone() {
        HttpResponse<String> first = server.get("/test/items");
        HttpResponse<String> second = server.get("/test/items");

        UUID.fromString(requestId(first));
        assertNotEquals(requestId(first), requestId(second));
    }

    @Test
    void echoesAndGeneratesOnUnknownRoutesToo() {
        assertEquals("lost-1", requestId(server.send(server.request("/nowhere").header("X-Request-Id", "lost-1").GET())));
        UUID.fromString(requestId(server.get("/nowhere")));
    }

    @Test
    void isOnResponsesThatOtherFiltersProduce() {
        HttpResponse<String> response = server.send(server.request("/test/guarded").header("X-Request-Id", "guarded-1").GET());

        assertEquals(401, response.statusCode());
        assertEquals("guarded-1", requestId(response));
    }

    @ParameterizedTest
    @ValueSource(strings = {"has space", "semi;colon", "<script>", "ünïcode", "quote\"d"})
    void replacesAnIdWithCharactersOutsideTheAlphabet(String invalid) {
        HttpResponse<String> response = server.send(server.request("/test/items").header("X-Request-Id", invalid).GET());

        UUID.fromString(requestId(response));
    }

    @Test
    void acceptsUpTo128CharactersAndReplacesLonger() {
        String longest = "a".repeat(128);

        assertEquals(longest, requestId(server.send(server.request("/test/items").header("X-Request-Id", longest).GET())));
        UUID.fromString(requestId(server.send(server.request("/test/items").header("X-Request-Id", longest + "b").GET())));
    }

    @Test
    void isInTheMdcOnTheBlockingExecutor() {
        HttpResponse<String> response = server.send(server.request("/test/mdc").header("X-Request-Id", "mdc-7").GET());

        var body = server.readMap(response.body());
        assertEquals("mdc-7", body.get("requestId"));
        // proves the value crossed threads instead of being read on the event loop
        assertFalse(String.valueOf(body.get("thread")).contains("eventLoop"), String.valueOf(body.get("thread")));
    }

    @Test
    void writesOneAccessLineWithoutQueryStringForEveryRequestAtDebug() {
        try (CapturedLogs logs = CapturedLogs.of("strata.access", Level.DEBUG)) {
            HttpResponse<String> response = server.send(
                    server.request("/test/items?limit=5&token=s3cr3t").header("X-Request-Id", "access-1").GET());
            assertEquals(200, response.statusCode());

            List<ILoggingEvent> lines = linesFor(logs, "access-1");
            assertEquals(1, lines.size(), "one line per request");
            ILoggingEvent line = lines.get(0);
            assertEquals(Level.DEBUG, line.getLevel(), "a plain success is a DEBUG line");
            assertTrue(line.getFormattedMessage().matches("GET /test/items 200 \\d+ms path=/test/items"),
                    "at DEBUG the line ends with the raw path (no query string): " + line.getFormattedMessage());
            assertFalse(line.getFormattedMessage().contains("s3cr3t"));
        }
    }

    @Test
    void atInfoOnlyErrorsAndUnknownRoutesAreLogged() {
        try (CapturedLogs logs = CapturedLogs.of("strata.access", Level.INFO)) {
            server.send(server.request("/test/items").header("X-Request-Id", "access-ok").GET());
            server.send(server.request("/nowhere").header("X-Request-Id", "access-404").GET());
            server.send(server.request("/test/fail/boom").header("X-Request-Id", "access-500").GET());

            assertTrue(linesFor(logs, "access-404").get(0).getFormattedMessage().startsWith("GET <unmatched> 404 "),
                    "an unmatched path is not written at INFO");
            assertTrue(linesFor(logs, "access-500").get(0).getFormattedMessage().startsWith("GET /test/fail/{kind} 500 "),
                    "the route template, not the raw path, at INFO");
            assertEquals(Level.INFO, linesFor(logs, "access-404").get(0).getLevel());
            // the 404 and 500 lines are there, so the earlier success would have been too
            assertTrue(logs.events().stream().noneMatch(e -> "access-ok".equals(e.getMDCPropertyMap().get("requestId"))),
                    "a plain success is not logged at INFO");
        }
    }

    private static List<ILoggingEvent> linesFor(CapturedLogs logs, String requestId) {
        // the server may still be finishing the line when the client has its response
        long deadline = System.nanoTime() + 2_000_000_000L;
        List<ILoggingEvent> lines;
        do {
            lines = logs.events().stream().filter(e -> requestId.equals(e.getMDCPropertyMap().get("requestId"))).toList();
        } while (lines.isEmpty() && System.nanoTime() < deadline && pause());
        return lines;
    }

    private static boolean pause() {
        try {
            Thread.sleep(10);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String requestId(HttpResponse<String> response) {
        return response.headers().firstValue("X-Request-Id").orElseThrow(() -> new AssertionError("no X-Request-Id"));
    }
}

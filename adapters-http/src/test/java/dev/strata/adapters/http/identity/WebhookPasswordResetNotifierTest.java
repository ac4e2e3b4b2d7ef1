package dev.strata.adapters.http.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.sun.net.httpserver.HttpServer;
import dev.strata.adapters.http.identity.WebhookPasswordResetNotifier.Outcome;
import dev.strata.adapters.http.testing.CapturedLogs;
import dev.strata.domain.identity.Email;
import dev.strata.domain.identity.PasswordResetNotice;
import dev.strata.domain.identity.TenantSlug;
import dev.strata.domain.shared.TenantId;
import dev.strata.domain.shared.UserId;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.json.JsonMapper;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The reset webhook against a real local HTTP receiver: signature, retries, outcomes, refusals, no token in logs. */
class WebhookPasswordResetNotifierTest {
    private static final String SECRET = "unit-test-webhook-key-0123456789-abcdefgh";
    private static final Instant NOW = Instant.parse("2026-12-05T08:00:00Z");
    private static final String TOKEN = UUID.randomUUID() + ".SECRETSECRETSECRETSECRETSECRETSECRETSECRET1";

    /** What the receiver saw of one request. */
    record Seen(String timestamp, String signature, String body) {
    }

    private final LinkedBlockingQueue<Seen> seen = new LinkedBlockingQueue<>();
    private final AtomicInteger failures = new AtomicInteger();
    private HttpServer server;

    private String startReceiver() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            seen.add(new Seen(exchange.getRequestHeaders().getFirst("X-Strata-Timestamp"),
                    exchange.getRequestHeaders().getFirst("X-Strata-Signature"), new String(body, StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(failures.getAndDecrement() > 0 ? 503 : 204, -1);
            exchange.close();
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static WebhookPasswordResetNotifier notifier(String url, String secret, int attempts, boolean dev) {
        return new WebhookPasswordResetNotifier(new ResetWebhookSettings(url, secret, attempts, Duration.ofSeconds(5),
                Duration.ofMillis(10), 10), dev, JsonMapper.createDefault(), () -> NOW, null);
    }

    private static PasswordResetNotice notice() {
        return new PasswordResetNotice(new TenantId(UUID.randomUUID()), new TenantSlug("acme"), new UserId("usr_1"),
                new Email("ada@example.org"), TOKEN, NOW.plusSeconds(1800), "req-1");
    }

    @Test
    void signsTheTimestampAndTheRawBody() throws Exception {
        String url = startReceiver();
        try (WebhookPasswordResetNotifier notifier = notifier(url, SECRET, 5, false)) {
            notifier.resetRequested(notice());
            Seen request = seen.poll(20, TimeUnit.SECONDS);
            assertEquals(Long.toString(NOW.getEpochSecond()), request.timestamp());
            String expected = "sha256=" + WebhookPasswordResetNotifier.sign(
                    new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"), request.timestamp(),
                    request.body().getBytes(StandardCharsets.UTF_8));
            assertEquals(expected, request.signature());
            assertEquals("{\"tenant\":\"acme\",\"userId\":\"usr_1\",\"email\":\"ada@example.org\",\"token\":\"" + TOKEN
                    + "\",\"expiresAt\":\"2026-12-05T08:30:00Z\",\"requestId\":\"req-1\"}", request.body());
            awaitOutcome(notifier, Outcome.DELIVERED, 1);
        }
    }

    @Test
    void retriesWithBackoffThenCountsTheFailureWithoutLoggingTheToken() throws Exception {
        String url = startReceiver();
        failures.set(100);
        try (CapturedLogs logs = CapturedLogs.of(WebhookPasswordResetNotifier.class.getName(), Level.DEBUG);
             WebhookPasswordResetNotifier notifier = notifier(url, SECRET, 3, false)) {
            notifier.resetRequested(notice());
            awaitOutcome(notifier, Outcome.FAILED, 1);
            assertEquals(2, notifier.outcomes(Outcome.RETRIED));
            assertEquals(0, notifier.outcomes(Outcome.DELIVERED));
            assertEquals(3, seen.size(), "three attempts");
            assertFalse(logs.events().isEmpty());
            for (ILoggingEvent event : logs.events()) {
                assertFalse(event.getFormattedMessage().contains(TOKEN.substring(37)), event.getFormattedMessage());
            }
            assertTrue(logs.events().stream().anyMatch(e -> e.getLevel() == Level.WARN && e.getFormattedMessage().contains("req-1")));
        }
    }

    @Test
    void withoutAUrlTheResetIsDroppedAndCounted() {
        try (CapturedLogs logs = CapturedLogs.of(WebhookPasswordResetNotifier.class);
             WebhookPasswordResetNotifier notifier = notifier(null, null, 5, false)) {
            notifier.resetRequested(notice());
            assertEquals(1, notifier.outcomes(Outcome.DROPPED));
            assertTrue(logs.events().stream().noneMatch(e -> e.getFormattedMessage().contains(TOKEN.substring(37))));
        }
    }

    @Test
    void devModePostsUnsignedWithoutASecret() throws Exception {
        String url = startReceiver();
        try (WebhookPasswordResetNotifier notifier = notifier(url, null, 5, true)) {
            notifier.resetRequested(notice());
            assertNull(seen.poll(20, TimeUnit.SECONDS).signature());
        }
    }

    @Test
    void refusesUnsafeSettings() {
        assertTrue(assertThrows(ConfigurationException.class, () -> notifier("https://mailer.example/hook", null, 5, false))
                .getMessage().contains("STRATA_AUTH_RESET_WEBHOOK_SECRET"));
        assertThrows(ConfigurationException.class, () -> notifier("https://mailer.example/hook", "short", 5, false));
        assertThrows(ConfigurationException.class, () -> notifier("https://u:p@mailer.example/hook", SECRET, 5, false));
        assertThrows(ConfigurationException.class, () -> notifier("ftp://mailer.example/hook", SECRET, 5, false));
        assertThrows(ConfigurationException.class, () -> notifier("https://mailer.example/hook", SECRET, 0, false));
    }

    @Test
    void backoffDoublesWithJitterAndIsCapped() {
        try (WebhookPasswordResetNotifier notifier = new WebhookPasswordResetNotifier(new ResetWebhookSettings(null, null, 5,
                Duration.ofSeconds(5), Duration.ofSeconds(1), 10), false, JsonMapper.createDefault(), () -> NOW, null)) {
            for (int i = 0; i < 50; i++) {
                long first = notifier.backoff(1).toMillis();
                long third = notifier.backoff(3).toMillis();
                assertTrue(first >= 500 && first <= 1000, "first retry " + first);
                assertTrue(third >= 2000 && third <= 4000, "third retry " + third);
                assertTrue(notifier.backoff(40).compareTo(WebhookPasswordResetNotifier.MAX_BACKOFF) <= 0);
            }
        }
    }

    private static void awaitOutcome(WebhookPasswordResetNotifier notifier, Outcome outcome, int count) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (notifier.outcomes(outcome) < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(count, notifier.outcomes(outcome), outcome.name());
    }
}

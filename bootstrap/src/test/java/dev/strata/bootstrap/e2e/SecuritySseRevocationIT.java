package dev.strata.bootstrap.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.application.identity.port.CreateTenantUseCase.TenantCreated;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An open Server-Sent Events stream lives no longer than the credential that opened it: deleting the client on
 * one instance ends its stream on another, and a stream ends once its token has expired. The bounds waited for
 * are generous (a loaded machine), never measured.
 */
class SecuritySseRevocationIT {
    /** Far more than the revocation bound or the token life: only "it ended" is asserted. */
    private static final long GENEROUS_MS = 30_000;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static StrataInstance a;
    private static StrataInstance b;
    private static TenantCreated tenant;
    private static String adminToken;

    @BeforeAll
    static void start() {
        a = StrataInstance.start();
        // B issues client tokens living 3 s; every instance accepts every instance's tokens (one signing key), so
        // long-lived tokens are taken from A
        b = StrataInstance.start(Map.of("strata.jwt.client-token-ttl", "3s"));
        tenant = Tenants.create(a);
        adminToken = Tenants.adminToken(a, tenant);
    }

    @AfterAll
    static void stop() {
        a.close();
        b.close();
    }

    /** A client of the tenant that may follow topics; returns {clientId, secret}. */
    private static String[] newConsumerClient() {
        StrataInstance.Response created = a.postJson("/v1/clients", adminToken,
                "{\"name\":\"follower\",\"scopes\":[\"events:consume\"]}");
        assertEquals(201, created.status(), created.body());
        return new String[] {created.json("clientId"), created.json("clientSecret")};
    }

    @Test
    void deletingTheClientOnOneInstanceEndsItsStreamOnAnother() throws Exception {
        String[] client = newConsumerClient();
        String token = Tenants.token(a, client[0], client[1]);
        String topic = "sse-revoked-" + System.nanoTime();
        try (Stream stream = Stream.open(b, token, topic)) {
            assertEquals(200, stream.status);
            // the stream works: an event published on A arrives on B
            EventsClient.publish(a, adminToken, topic, "{\"n\":1}");
            assertTrue(stream.sawEvent(GENEROUS_MS), "the stream delivers before the revocation");
            assertFalse(stream.ended(), "the stream is open before the revocation");

            assertEquals(204, a.delete("/v1/clients/" + client[0], adminToken).status());

            assertTrue(stream.endsWithin(GENEROUS_MS), "the deleted client's stream on the other instance ended");
        }
        // and it cannot come back
        try (Stream again = Stream.open(b, token, topic)) {
            assertEquals(401, again.status);
        }
    }

    @Test
    void anotherClientsStreamSurvivesTheDeletion() throws Exception {
        String[] doomed = newConsumerClient();
        String[] kept = newConsumerClient();
        String topic = "sse-kept-" + System.nanoTime();
        try (Stream stream = Stream.open(b, Tenants.token(a, kept[0], kept[1]), topic)) {
            assertEquals(200, stream.status);
            assertEquals(204, a.delete("/v1/clients/" + doomed[0], adminToken).status());
            // the deletion has been answered, so every instance has acted on it: the other stream still delivers
            EventsClient.publish(a, adminToken, topic, "{\"n\":2}");
            assertTrue(stream.sawEvent(GENEROUS_MS), "an unrelated stream keeps delivering");
            assertFalse(stream.ended());
        }
    }

    @Test
    void aStreamEndsWhenItsTokenExpires() throws Exception {
        String[] client = newConsumerClient();
        String token = Tenants.token(b, client[0], client[1]);
        String topic = "sse-expiring-" + System.nanoTime();
        try (Stream stream = Stream.open(a, token, topic)) {
            assertEquals(200, stream.status, "the fresh token opens the stream");
            assertTrue(stream.endsWithin(GENEROUS_MS), "the stream ended at the token's expiry");
        }
    }

    /** A raw SSE connection: counts event frames and notices the end of the body. */
    private static final class Stream implements AutoCloseable {
        private final LinkedBlockingQueue<String> events = new LinkedBlockingQueue<>();
        private final CountDownLatch end = new CountDownLatch(1);
        private final InputStream body;
        final int status;

        private Stream(HttpResponse<InputStream> response) {
            this.status = response.statusCode();
            this.body = response.body();
            Thread reader = new Thread(this::read, "sse-security-reader");
            reader.setDaemon(true);
            reader.start();
        }

        static Stream open(StrataInstance instance, String token, String topic) throws IOException, InterruptedException {
            HttpRequest request = HttpRequest.newBuilder(instance.uri("/v1/topics/" + topic + "/stream"))
                    .header("Authorization", "Bearer " + token)
                    .header("Accept", "text/event-stream")
                    .GET().build();
            return new Stream(HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream()));
        }

        private void read() {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.startsWith("id:")) {
                        events.add(line);
                    }
                }
            } catch (IOException closed) {
                // the connection ended
            } finally {
                end.countDown();
            }
        }

        boolean sawEvent(long timeoutMs) throws InterruptedException {
            return events.poll(timeoutMs, TimeUnit.MILLISECONDS) != null;
        }

        boolean ended() {
            return end.getCount() == 0;
        }

        boolean endsWithin(long timeoutMs) throws InterruptedException {
            return end.await(timeoutMs, TimeUnit.MILLISECONDS);
        }

        @Override
        public void close() throws IOException {
            body.close();
        }
    }
}

package dev.strata.bootstrap.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Test support: the tenant's mailer as the password-reset webhook sees it — an HTTP receiver on
 * 127.0.0.1 that checks the HMAC signature and timestamp of every delivery, keeps the accepted ones
 * (token per email) and can be told to fail the next few deliveries.
 */
final class ResetWebhookReceiver implements AutoCloseable {
    static final String SECRET = "reset-webhook-test-key-0123456789-abcdefghij";

    /** One accepted delivery: its body's fields. */
    record Delivery(String tenant, String userId, String email, String token, String expiresAt, String requestId, String body) {
    }

    private final HttpServer server;
    private final String secret;
    final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    final Map<String, String> tokens = new ConcurrentHashMap<>();
    final AtomicInteger rejectedSignatures = new AtomicInteger();
    final AtomicInteger attempts = new AtomicInteger();
    /** Deliveries still to be answered 503 (to exercise retries). */
    final AtomicInteger failNext = new AtomicInteger();

    private ResetWebhookReceiver(String secret) throws IOException {
        this.secret = secret;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    static ResetWebhookReceiver start() {
        try {
            return new ResetWebhookReceiver(SECRET);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/mailer/reset";
    }

    /** Instance properties that point the reset webhook at this receiver. */
    Map<String, Object> properties() {
        return Map.of("strata.auth.reset-webhook.url", url(), "strata.auth.reset-webhook.secret", secret,
                "strata.auth.reset-webhook.initial-backoff", "100ms");
    }

    /** The token delivered for {@code email}, waiting up to 20 s for its delivery. */
    String awaitToken(String email) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline) {
            String token = tokens.get(email);
            if (token != null) {
                return token;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("no reset webhook delivery for " + email + " (accepted: " + deliveries.size()
                + ", bad signatures: " + rejectedSignatures.get() + ")");
    }

    private void handle(HttpExchange exchange) throws IOException {
        attempts.incrementAndGet();
        byte[] raw;
        try (InputStream in = exchange.getRequestBody()) {
            raw = in.readAllBytes();
        }
        String body = new String(raw, StandardCharsets.UTF_8);
        String timestamp = exchange.getRequestHeaders().getFirst("X-Strata-Timestamp");
        String signature = exchange.getRequestHeaders().getFirst("X-Strata-Signature");
        boolean fresh = timestamp != null && timestamp.matches("\\d{1,12}")
                && Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp)) <= 300;
        if (!"POST".equals(exchange.getRequestMethod()) || !fresh || signature == null
                || !MessageDigest.isEqual(signature.getBytes(StandardCharsets.US_ASCII),
                        ("sha256=" + hmac(timestamp + "." + body)).getBytes(StandardCharsets.US_ASCII))) {
            rejectedSignatures.incrementAndGet();
            answer(exchange, 401);
            return;
        }
        if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            answer(exchange, 503);
            return;
        }
        Delivery delivery = new Delivery(field(body, "tenant"), field(body, "userId"), field(body, "email"), field(body, "token"),
                field(body, "expiresAt"), field(body, "requestId"), body);
        deliveries.add(delivery);
        if (delivery.email() != null && delivery.token() != null) {
            tokens.put(delivery.email(), delivery.token());
        }
        answer(exchange, 204);
    }

    List<Delivery> deliveriesFor(String email) {
        List<Delivery> out = new ArrayList<>();
        deliveries.stream().filter(d -> email.equals(d.email())).forEach(out::add);
        return out;
    }

    private String hmac(String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        return m.find() ? m.group(1) : null;
    }

    private static void answer(HttpExchange exchange, int status) throws IOException {
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

package dev.strata.adapters.http.shared;

import dev.strata.domain.shared.Clock;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HTTP adapter plumbing: POSTs JSON bodies to one configured endpoint, HMAC-SHA256-signed over
 * {@code <timestamp>.<raw body>} ({@code X-Strata-Timestamp}, {@code X-Strata-Signature: sha256=<hex>}), asynchronously
 * through a bounded queue, retried with capped exponential backoff and jitter on network errors, 5xx, 408 and 429.
 * Redirects are never followed. The owner reports outcomes through a {@link Listener}; this class logs nothing, so no
 * body (which may hold a token) and no URL (whose query may hold credentials) reaches a log line from here.
 */
public final class SignedWebhook implements AutoCloseable {
    public static final String SIGNATURE_HEADER = "X-Strata-Signature";
    public static final String TIMESTAMP_HEADER = "X-Strata-Timestamp";
    public static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

    /** What became of one delivery attempt or request. */
    public enum Outcome { DELIVERED, RETRIED, FAILED, DROPPED }

    /** Told what happened to a submitted body; runs on the webhook's thread. */
    public interface Listener {
        /** Attempt {@code attempt} failed for {@code reason} (a class name or HTTP status) and is retried after {@code delay}. */
        void retrying(int attempt, String reason, Duration delay);

        /** The delivery ended: DELIVERED or FAILED (after {@code attempts}); {@code reason} is null when delivered. */
        void finished(Outcome outcome, int attempts, @Nullable String reason);
    }

    private final URI url;
    @Nullable
    private final SecretKeySpec key;
    private final int maxAttempts;
    private final Duration timeout;
    private final Duration initialBackoff;
    private final int capacity;
    private final String userAgent;
    private final Clock clock;
    private final HttpClient http;
    private final ScheduledExecutorService scheduler;
    private final AtomicInteger pending = new AtomicInteger();

    /**
     * @param settingsKey the configuration prefix named in errors, e.g. {@code strata.auth.reset-webhook}
     * @param url         absolute http(s) endpoint without user info (checked here)
     * @param key         the signing key ({@link #key}), or null to post unsigned (dev mode only: the caller decides)
     */
    public SignedWebhook(String settingsKey, URI url, @Nullable SecretKeySpec key, int maxAttempts, Duration timeout,
                         Duration initialBackoff, int capacity, String userAgent, Clock clock) {
        if (maxAttempts < 1) {
            throw new ConfigurationException(settingsKey + ".max-attempts must be at least 1");
        }
        if (capacity < 1) {
            throw new ConfigurationException(settingsKey + ".queue must be at least 1");
        }
        if (timeout.isNegative() || timeout.isZero() || initialBackoff.isNegative()) {
            throw new ConfigurationException(settingsKey + ".timeout must be positive and .initial-backoff not negative");
        }
        this.url = url;
        this.key = key;
        this.maxAttempts = maxAttempts;
        this.timeout = timeout;
        this.initialBackoff = initialBackoff;
        this.capacity = capacity;
        this.userAgent = userAgent;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, userAgent);
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        this.scheduler = executor;
    }

    /**
     * Queues one delivery; false (nothing sent, the listener not called) when {@code queue} deliveries are already
     * waiting or the webhook is shut down.
     */
    public boolean submit(byte[] body, Listener listener) {
        if (pending.incrementAndGet() > capacity) {
            pending.decrementAndGet();
            return false;
        }
        try {
            scheduler.execute(() -> attempt(body, listener, 1));
            return true;
        } catch (RejectedExecutionException e) {
            pending.decrementAndGet();
            return false;
        }
    }

    /** Deliveries queued or retrying now. */
    public int pending() {
        return pending.get();
    }

    private void attempt(byte[] body, Listener listener, int attempt) {
        HttpRequest request;
        try {
            request = request(body);
        } catch (RuntimeException e) {
            finish(listener, Outcome.FAILED, attempt, e.getClass().getSimpleName());
            return;
        }
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
            if (error == null && response.statusCode() / 100 == 2) {
                finish(listener, Outcome.DELIVERED, attempt, null);
                return;
            }
            String reason = error != null ? rootName(error) : "HTTP " + response.statusCode();
            boolean retryable = error != null || response.statusCode() >= 500 || response.statusCode() == 408
                    || response.statusCode() == 429;
            if (!retryable || attempt >= maxAttempts) {
                finish(listener, Outcome.FAILED, attempt, reason);
                return;
            }
            Duration delay = backoff(attempt);
            listener.retrying(attempt, reason, delay);
            try {
                scheduler.schedule(() -> attempt(body, listener, attempt + 1), delay.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                finish(listener, Outcome.FAILED, attempt, "shut down");
            }
        });
    }

    private void finish(Listener listener, Outcome outcome, int attempts, @Nullable String reason) {
        pending.decrementAndGet();
        listener.finished(outcome, attempts, reason);
    }

    /** One signed request; signed again per attempt, so the timestamp is that of the attempt. */
    public HttpRequest request(byte[] body) {
        String timestamp = Long.toString(clock.now().getEpochSecond());
        HttpRequest.Builder builder = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", userAgent)
                .header(TIMESTAMP_HEADER, timestamp)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (key != null) {
            builder.header(SIGNATURE_HEADER, "sha256=" + sign(key, timestamp, body));
        }
        return builder.build();
    }

    /** Hex HMAC-SHA256 over {@code <timestamp>.<raw body>}. */
    public static String sign(SecretKeySpec key, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(timestamp.getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) '.');
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    /** Exponential from {@code initial-backoff}, capped, with "equal jitter": half fixed, half random. */
    public Duration backoff(int attempt) {
        return backoff(initialBackoff, attempt);
    }

    /** The pause before retry {@code attempt} when the first pause is {@code initialBackoff}. */
    public static Duration backoff(Duration initialBackoff, int attempt) {
        long base = initialBackoff.toMillis();
        for (int i = 1; i < attempt && base < MAX_BACKOFF.toMillis(); i++) {
            base *= 2;
        }
        base = Math.min(base, MAX_BACKOFF.toMillis());
        long half = base / 2;
        return Duration.ofMillis(half + (half > 0 ? ThreadLocalRandom.current().nextLong(half + 1) : 0));
    }

    private static String rootName(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        // the class only: a message may name the URL, whose query can hold the receiver's own credentials
        return root.getClass().getSimpleName();
    }

    /** Parses the endpoint: null when unset; an absolute http(s) URL without user info, or a configuration error. */
    @Nullable
    public static URI url(String settingsKey, @Nullable String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        URI uri;
        try {
            uri = URI.create(text.strip());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(settingsKey + ".url is not a valid URL");
        }
        if (!uri.isAbsolute() || uri.getHost() == null
                || !("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))) {
            throw new ConfigurationException(settingsKey + ".url must be an absolute http or https URL");
        }
        if (uri.getRawUserInfo() != null) {
            throw new ConfigurationException(settingsKey + ".url must not carry user info; the body is signed instead");
        }
        return uri;
    }

    /** The signing key from a secret of at least 32 bytes; null when the secret is unset. */
    @Nullable
    public static SecretKeySpec key(String settingsKey, @Nullable String secret) {
        if (secret == null || secret.isEmpty()) {
            return null;
        }
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < 32) {
            throw new ConfigurationException(settingsKey + ".secret must be at least 32 bytes, got " + bytes.length);
        }
        return new SecretKeySpec(bytes, "HmacSHA256");
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}

package dev.strata.adapters.http.identity;

import dev.strata.domain.identity.PasswordResetNotice;
import dev.strata.domain.identity.port.PasswordResetNotifier;
import dev.strata.domain.shared.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP adapter for {@link PasswordResetNotifier}: posts each reset token, HMAC-signed, to the tenant's
 * mailer at {@code strata.auth.reset-webhook.url} — asynchronously (the request's answer, and its
 * timing, do not depend on the mailer), through a bounded queue, retried with exponential backoff and
 * jitter. Outcomes are counted in {@code strata.auth.reset_webhook} (delivered, retried, failed,
 * dropped). The token goes into the body of the delivery and nowhere else: no log line, no metric tag.
 */
public final class WebhookPasswordResetNotifier implements PasswordResetNotifier, AutoCloseable {
    /** Counter name; Prometheus shows {@code strata_auth_reset_webhook_total{outcome="..."}}. */
    public static final String METRIC = "strata.auth.reset_webhook";
    public static final String SIGNATURE_HEADER = "X-Strata-Signature";
    public static final String TIMESTAMP_HEADER = "X-Strata-Timestamp";
    static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    private static final Logger LOG = LoggerFactory.getLogger(WebhookPasswordResetNotifier.class);

    /** What became of one delivery attempt or request. */
    public enum Outcome { DELIVERED, RETRIED, FAILED, DROPPED }

    @Nullable
    private final URI url;
    @Nullable
    private final SecretKeySpec key;
    private final int maxAttempts;
    private final Duration timeout;
    private final Duration initialBackoff;
    private final int capacity;
    private final JsonMapper json;
    private final Clock clock;
    private final HttpClient http;
    private final ScheduledExecutorService scheduler;
    private final AtomicInteger pending = new AtomicInteger();
    private final Map<Outcome, AtomicInteger> counts = new EnumMap<>(Outcome.class);
    private final Map<Outcome, Counter> counters = new EnumMap<>(Outcome.class);

    /**
     * Checks the settings at start: a URL must be absolute http(s) without user info, a secret at least
     * 32 bytes; a URL without a secret is refused unless {@code devMode} (then deliveries go unsigned, loudly).
     */
    public WebhookPasswordResetNotifier(ResetWebhookSettings settings, boolean devMode, JsonMapper json, Clock clock,
                                        @Nullable MeterRegistry registry) {
        this.url = parseUrl(settings.url());
        this.key = parseKey(settings.secret(), url != null, devMode);
        if (settings.maxAttempts() < 1) {
            throw new ConfigurationException("strata.auth.reset-webhook.max-attempts must be at least 1");
        }
        if (settings.queue() < 1) {
            throw new ConfigurationException("strata.auth.reset-webhook.queue must be at least 1");
        }
        if (settings.timeout().isNegative() || settings.timeout().isZero() || settings.initialBackoff().isNegative()) {
            throw new ConfigurationException("strata.auth.reset-webhook.timeout must be positive and .initial-backoff not negative");
        }
        this.maxAttempts = settings.maxAttempts();
        this.timeout = settings.timeout();
        this.initialBackoff = settings.initialBackoff();
        this.capacity = settings.queue();
        this.json = json;
        this.clock = clock;
        // never follow redirects: the token goes to the configured endpoint and nowhere else
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "strata-reset-webhook");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        this.scheduler = executor;
        for (Outcome outcome : Outcome.values()) {
            counts.put(outcome, new AtomicInteger());
            if (registry != null) {
                counters.put(outcome, Counter.builder(METRIC).tag("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT))
                        .description("password-reset webhook deliveries by outcome").register(registry));
            }
        }
        if (url == null) {
            LOG.warn("strata.auth.reset-webhook.url is not set: password-reset tokens will not be delivered to anyone "
                    + "(requests are still answered 202). Configure the tenant mailer's webhook in production.");
        }
    }

    @Override
    public void resetRequested(PasswordResetNotice notice) {
        if (url == null) {
            count(Outcome.DROPPED);
            LOG.warn("password reset {} for user {} of tenant {} dropped: no reset webhook is configured",
                    notice.requestId(), notice.userId(), notice.tenant());
            return;
        }
        if (pending.incrementAndGet() > capacity) {
            pending.decrementAndGet();
            count(Outcome.DROPPED);
            LOG.warn("password reset {} for user {} of tenant {} dropped: {} deliveries are already waiting",
                    notice.requestId(), notice.userId(), notice.tenant(), capacity);
            return;
        }
        byte[] body;
        try {
            body = json.writeValueAsBytes(new ResetWebhookBody(notice.tenant().value(), notice.userId().value(),
                    notice.email().value(), notice.token(), notice.expiresAt().toString(), notice.requestId()));
        } catch (IOException e) {
            pending.decrementAndGet();
            count(Outcome.FAILED);
            LOG.warn("password reset {} for user {}: the webhook body could not be written ({})", notice.requestId(),
                    notice.userId(), e.getClass().getSimpleName());
            return;
        }
        try {
            scheduler.execute(() -> attempt(notice, body, 1));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            pending.decrementAndGet();
            count(Outcome.DROPPED);
            LOG.warn("password reset {} for user {} dropped: the notifier is shut down", notice.requestId(), notice.userId());
        }
    }

    private void attempt(PasswordResetNotice notice, byte[] body, int attempt) {
        HttpRequest request;
        try {
            request = request(body);
        } catch (RuntimeException e) {
            finish(notice, Outcome.FAILED, attempt, e.getClass().getSimpleName());
            return;
        }
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
            if (error == null && response.statusCode() / 100 == 2) {
                finish(notice, Outcome.DELIVERED, attempt, null);
                return;
            }
            String reason = error != null ? rootName(error) : "HTTP " + response.statusCode();
            boolean retryable = error != null || response.statusCode() >= 500 || response.statusCode() == 408
                    || response.statusCode() == 429;
            if (!retryable || attempt >= maxAttempts) {
                finish(notice, Outcome.FAILED, attempt, reason);
                return;
            }
            count(Outcome.RETRIED);
            Duration delay = backoff(attempt);
            LOG.info("password reset {} for user {}: webhook attempt {} failed ({}), retrying in {} ms", notice.requestId(),
                    notice.userId(), attempt, reason, delay.toMillis());
            try {
                scheduler.schedule(() -> attempt(notice, body, attempt + 1), delay.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                finish(notice, Outcome.FAILED, attempt, "shut down");
            }
        });
    }

    private void finish(PasswordResetNotice notice, Outcome outcome, int attempts, @Nullable String reason) {
        pending.decrementAndGet();
        count(outcome);
        if (outcome == Outcome.FAILED) {
            LOG.warn("password reset {} for user {} of tenant {}: webhook delivery failed after {} attempt(s) ({})",
                    notice.requestId(), notice.userId(), notice.tenant(), attempts, reason);
        } else {
            LOG.debug("password reset {} for user {} delivered to the webhook (attempt {})", notice.requestId(), notice.userId(), attempts);
        }
    }

    /** One signed request; signed again per attempt, so the timestamp is that of the attempt. */
    HttpRequest request(byte[] body) {
        String timestamp = Long.toString(clock.now().getEpochSecond());
        HttpRequest.Builder builder = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "strata-reset-webhook")
                .header(TIMESTAMP_HEADER, timestamp)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (key != null) {
            builder.header(SIGNATURE_HEADER, "sha256=" + sign(key, timestamp, body));
        }
        return builder.build();
    }

    /** Hex HMAC-SHA256 over {@code <timestamp>.<raw body>}. */
    static String sign(SecretKeySpec key, String timestamp, byte[] body) {
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
    Duration backoff(int attempt) {
        long base = initialBackoff.toMillis();
        for (int i = 1; i < attempt && base < MAX_BACKOFF.toMillis(); i++) {
            base *= 2;
        }
        base = Math.min(base, MAX_BACKOFF.toMillis());
        long half = base / 2;
        return Duration.ofMillis(half + (half > 0 ? ThreadLocalRandom.current().nextLong(half + 1) : 0));
    }

    /** How many requests or attempts ended with {@code outcome} on this instance. */
    public int outcomes(Outcome outcome) {
        return counts.get(outcome).get();
    }

    private void count(Outcome outcome) {
        counts.get(outcome).incrementAndGet();
        Counter counter = counters.get(outcome);
        if (counter != null) {
            counter.increment();
        }
    }

    private static String rootName(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        // the class only: a message may name the URL, whose query can hold the mailer's own credentials
        return root.getClass().getSimpleName();
    }

    @Nullable
    private static URI parseUrl(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        URI uri;
        try {
            uri = URI.create(text.strip());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("strata.auth.reset-webhook.url is not a valid URL");
        }
        if (!uri.isAbsolute() || uri.getHost() == null
                || !("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))) {
            throw new ConfigurationException("strata.auth.reset-webhook.url must be an absolute http or https URL");
        }
        if (uri.getRawUserInfo() != null) {
            throw new ConfigurationException("strata.auth.reset-webhook.url must not carry user info; the body is signed instead");
        }
        return uri;
    }

    @Nullable
    private static SecretKeySpec parseKey(@Nullable String secret, boolean hasUrl, boolean devMode) {
        if (secret == null || secret.isEmpty()) {
            if (hasUrl && !devMode) {
                throw new ConfigurationException("strata.auth.reset-webhook.secret (env STRATA_AUTH_RESET_WEBHOOK_SECRET) is required "
                        + "when strata.auth.reset-webhook.url is set: set it to at least 32 random bytes, shared with the mailer");
            }
            if (hasUrl) {
                LOG.warn("*** strata.auth.reset-webhook.secret is not set: DEV MODE posts password-reset tokens UNSIGNED. "
                        + "Never run like this in production. ***");
            }
            return null;
        }
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < 32) {
            throw new ConfigurationException("strata.auth.reset-webhook.secret must be at least 32 bytes, got " + bytes.length);
        }
        return new SecretKeySpec(bytes, "HmacSHA256");
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        int lost = pending.get();
        if (lost > 0) {
            LOG.warn("{} password-reset webhook deliveries were still pending at shutdown and are lost", lost);
        }
    }
}

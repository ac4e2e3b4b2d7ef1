package dev.strata.adapters.http.identity;

import dev.strata.domain.identity.PasswordResetNotice;
import dev.strata.domain.identity.port.PasswordResetNotifier;
import dev.strata.domain.shared.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import dev.strata.adapters.http.shared.SignedWebhook;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP adapter for {@link PasswordResetNotifier}: posts each reset token, HMAC-signed, to the tenant's
 * mailer at {@code strata.auth.reset-webhook.url} — asynchronously (the request's answer, and its
 * timing, do not depend on the mailer), through a bounded queue, retried with exponential backoff and
 * jitter ({@link SignedWebhook}). Outcomes are counted in {@code strata.auth.reset_webhook} (delivered, retried,
 * failed, dropped). The token goes into the body of the delivery and nowhere else: no log line, no metric tag.
 */
public final class WebhookPasswordResetNotifier implements PasswordResetNotifier, AutoCloseable {
    /** Counter name; Prometheus shows {@code strata_auth_reset_webhook_total{outcome="..."}}. */
    public static final String METRIC = "strata.auth.reset_webhook";
    public static final String SIGNATURE_HEADER = SignedWebhook.SIGNATURE_HEADER;
    public static final String TIMESTAMP_HEADER = SignedWebhook.TIMESTAMP_HEADER;
    static final Duration MAX_BACKOFF = SignedWebhook.MAX_BACKOFF;
    private static final String SETTINGS = "strata.auth.reset-webhook";
    private static final Logger LOG = LoggerFactory.getLogger(WebhookPasswordResetNotifier.class);

    /** What became of one delivery attempt or request. */
    public enum Outcome { DELIVERED, RETRIED, FAILED, DROPPED }

    @Nullable
    private final SignedWebhook webhook;
    private final Duration initialBackoff;
    private final int capacity;
    private final JsonMapper json;
    private final Map<Outcome, AtomicInteger> counts = new EnumMap<>(Outcome.class);
    private final Map<Outcome, Counter> counters = new EnumMap<>(Outcome.class);

    /**
     * Checks the settings at start: a URL must be absolute http(s) without user info, a secret at least
     * 32 bytes; a URL without a secret is refused unless {@code devMode} (then deliveries go unsigned, loudly).
     */
    public WebhookPasswordResetNotifier(ResetWebhookSettings settings, boolean devMode, JsonMapper json, Clock clock,
                                        @Nullable MeterRegistry registry) {
        URI url = SignedWebhook.url(SETTINGS, settings.url());
        SecretKeySpec key = parseKey(settings.secret(), url != null, devMode);
        if (settings.maxAttempts() < 1) {
            throw new ConfigurationException("strata.auth.reset-webhook.max-attempts must be at least 1");
        }
        if (settings.queue() < 1) {
            throw new ConfigurationException("strata.auth.reset-webhook.queue must be at least 1");
        }
        if (settings.timeout().isNegative() || settings.timeout().isZero() || settings.initialBackoff().isNegative()) {
            throw new ConfigurationException("strata.auth.reset-webhook.timeout must be positive and .initial-backoff not negative");
        }
        this.initialBackoff = settings.initialBackoff();
        this.capacity = settings.queue();
        this.json = json;
        this.webhook = url == null ? null : new SignedWebhook(SETTINGS, url, key, settings.maxAttempts(), settings.timeout(),
                settings.initialBackoff(), settings.queue(), "strata-reset-webhook", clock);
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
        if (webhook == null) {
            count(Outcome.DROPPED);
            LOG.warn("password reset {} for user {} of tenant {} dropped: no reset webhook is configured",
                    notice.requestId(), notice.userId(), notice.tenant());
            return;
        }
        if (webhook.pending() >= capacity) {
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
            count(Outcome.FAILED);
            LOG.warn("password reset {} for user {}: the webhook body could not be written ({})", notice.requestId(),
                    notice.userId(), e.getClass().getSimpleName());
            return;
        }
        boolean queued = webhook.submit(body, new SignedWebhook.Listener() {
            @Override
            public void retrying(int attempt, String reason, Duration delay) {
                count(Outcome.RETRIED);
                LOG.info("password reset {} for user {}: webhook attempt {} failed ({}), retrying in {} ms", notice.requestId(),
                        notice.userId(), attempt, reason, delay.toMillis());
            }

            @Override
            public void finished(SignedWebhook.Outcome outcome, int attempts, @Nullable String reason) {
                finish(notice, outcome == SignedWebhook.Outcome.DELIVERED ? Outcome.DELIVERED : Outcome.FAILED, attempts, reason);
            }
        });
        if (!queued) {
            count(Outcome.DROPPED);
            LOG.warn("password reset {} for user {} dropped: the queue is full or the notifier is shut down",
                    notice.requestId(), notice.userId());
        }
    }

    private void finish(PasswordResetNotice notice, Outcome outcome, int attempts, @Nullable String reason) {
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
        if (webhook == null) {
            throw new IllegalStateException("no reset webhook is configured");
        }
        return webhook.request(body);
    }

    /** Hex HMAC-SHA256 over {@code <timestamp>.<raw body>}. */
    static String sign(SecretKeySpec key, String timestamp, byte[] body) {
        return SignedWebhook.sign(key, timestamp, body);
    }

    /** Exponential from {@code initial-backoff}, capped, with "equal jitter": half fixed, half random. */
    Duration backoff(int attempt) {
        return SignedWebhook.backoff(initialBackoff, attempt);
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
        return SignedWebhook.key(SETTINGS, secret);
    }

    @Override
    public void close() {
        if (webhook != null) {
            int lost = webhook.pending();
            webhook.close();
            if (lost > 0) {
                LOG.warn("{} password-reset webhook deliveries were still pending at shutdown and are lost", lost);
            }
        }
    }
}

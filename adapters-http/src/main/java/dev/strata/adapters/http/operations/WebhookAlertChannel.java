package dev.strata.adapters.http.operations;

import dev.strata.adapters.http.shared.SignedWebhook;
import dev.strata.domain.operations.AlertTransition;
import dev.strata.domain.operations.port.AlertChannel;
import dev.strata.domain.shared.Clock;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Duration;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP adapter for {@link AlertChannel}: POSTs each alert start and resolution to {@code strata.alerts.webhook.url}
 * through {@link SignedWebhook} (HMAC-signed, queued, retried); does nothing when no URL is set.
 */
@Singleton
public class WebhookAlertChannel implements AlertChannel, AutoCloseable {
    private static final String SETTINGS = "strata.alerts.webhook";
    private static final Logger LOG = LoggerFactory.getLogger(WebhookAlertChannel.class);

    @Nullable
    private final SignedWebhook webhook;

    public WebhookAlertChannel(AlertWebhookSettings settings, Clock clock) {
        URI url = SignedWebhook.url(SETTINGS, settings.url());
        SecretKeySpec key = SignedWebhook.key(SETTINGS, settings.secret());
        if (url != null && key == null) {
            throw new ConfigurationException("strata.alerts.webhook.secret (env STRATA_ALERTS_WEBHOOK_SECRET) is required when "
                    + "strata.alerts.webhook.url is set: at least 32 random bytes, shared with the receiver");
        }
        this.webhook = url == null ? null : new SignedWebhook(SETTINGS, url, key, settings.maxAttempts(), settings.timeout(),
                settings.initialBackoff(), settings.queue(), "strata-alert-webhook", clock);
    }

    /** True when a webhook URL is configured. */
    public boolean configured() {
        return webhook != null;
    }

    @Override
    public void send(AlertTransition transition, byte[] json) {
        if (webhook == null) {
            return;
        }
        String id = transition.alert().finding().id();
        boolean queued = webhook.submit(json, new SignedWebhook.Listener() {
            @Override
            public void retrying(int attempt, String reason, Duration delay) {
                LOG.info("alert {} webhook attempt {} failed ({}), retrying in {} ms", id, attempt, reason, delay.toMillis());
            }

            @Override
            public void finished(SignedWebhook.Outcome outcome, int attempts, @Nullable String reason) {
                if (outcome == SignedWebhook.Outcome.FAILED) {
                    LOG.warn("alert {} webhook delivery failed after {} attempt(s) ({})", id, attempts, reason);
                }
            }
        });
        if (!queued) {
            LOG.warn("alert {} webhook delivery dropped: the queue is full", id);
        }
    }

    @Override
    @PreDestroy
    public void close() {
        if (webhook != null) {
            webhook.close();
        }
    }
}

package dev.strata.bootstrap;

import dev.strata.adapters.http.operations.WebhookAlertChannel;
import dev.strata.application.operations.port.EvaluateAlertsUseCase;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scheduled loop on every instance: every {@code strata.operations.evaluation-interval} (15s) the cluster's alert
 * rules are evaluated and their starts and resolutions delivered; the ledger's lock lets one instance at a time do it.
 * Says at start where alerts go (and that they go nowhere when neither the tenant nor the webhook is set).
 */
@Singleton
@Requires(notEnv = "cli")
class OperationsAlertLoop {
    private static final Logger LOG = LoggerFactory.getLogger(OperationsAlertLoop.class);
    private final EvaluateAlertsUseCase alerts;
    private final boolean deliver;
    private volatile boolean failing;

    OperationsAlertLoop(EvaluateAlertsUseCase alerts, OperationsSettings settings, WebhookAlertChannel webhook) {
        this.alerts = alerts;
        boolean events = settings.tenant() != null && !settings.tenant().isBlank();
        this.deliver = events || webhook.configured();
        if (!events) {
            LOG.info("strata.operations.tenant is not set: alerts are not published as ops.alerts events");
        }
        if (!webhook.configured()) {
            LOG.info("strata.alerts.webhook.url is not set: alerts are not posted to a webhook");
        }
    }

    @Scheduled(fixedDelay = "${strata.operations.evaluation-interval:15s}",
            initialDelay = "${strata.operations.evaluation-interval:15s}")
    void evaluate() {
        if (!deliver) {
            return;
        }
        try {
            int delivered = alerts.evaluate();
            if (failing) {
                failing = false;
                LOG.info("alert evaluation works again");
            }
            if (delivered > 0) {
                LOG.info("{} alert transition(s) delivered", delivered);
            }
        } catch (RuntimeException e) {
            if (!failing) {
                failing = true;
                LOG.warn("alert evaluation failed, retrying every round: {}", e.getClass().getSimpleName());
            }
        }
    }
}

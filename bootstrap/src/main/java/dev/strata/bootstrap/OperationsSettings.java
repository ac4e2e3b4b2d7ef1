package dev.strata.bootstrap;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Operations settings ({@code strata.operations.*}); the alert thresholds are {@link OperationsAlertSettings}.
 *
 * @param metricsInterval  how often the cluster-wide gauges are sampled (15s); a sample visits every tenant's groups
 * @param metricsMaxGroups most consumer groups one sample visits (10000)
 * @param tenant           slug of the operations tenant whose topic {@code ops.alerts} receives every alert start and
 *                         resolution; unset = no alert events (the webhook, if set, still gets them)
 * @param evaluationInterval how often the cluster's alert rules are evaluated for delivery, by one instance at a time (15s)
 */
@ConfigurationProperties("strata.operations")
public record OperationsSettings(@Bindable(defaultValue = "15s") Duration metricsInterval,
                                 @Bindable(defaultValue = "10000") int metricsMaxGroups,
                                 @Nullable String tenant,
                                 @Bindable(defaultValue = "15s") Duration evaluationInterval) {
    public OperationsSettings {
        JobsSettings.requirePositive("strata.operations.evaluation-interval", evaluationInterval);
        JobsSettings.requirePositive("strata.operations.metrics-interval", metricsInterval);
        if (metricsMaxGroups < 1) {
            throw new ConfigurationException("strata.operations.metrics-max-groups must be at least 1");
        }
    }
}

package dev.strata.bootstrap;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Operations settings ({@code strata.operations.*}); the alert thresholds are {@link OperationsAlertSettings}.
 *
 * @param metricsInterval  how often the cluster-wide gauges are sampled (15s); a sample visits every tenant's groups
 * @param metricsMaxGroups most consumer groups one sample visits (10000)
 */
@ConfigurationProperties("strata.operations")
public record OperationsSettings(@Bindable(defaultValue = "15s") Duration metricsInterval,
                                 @Bindable(defaultValue = "10000") int metricsMaxGroups) {
    public OperationsSettings {
        JobsSettings.requirePositive("strata.operations.metrics-interval", metricsInterval);
        if (metricsMaxGroups < 1) {
            throw new ConfigurationException("strata.operations.metrics-max-groups must be at least 1");
        }
    }
}

package dev.strata.bootstrap;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Retention of finished jobs ({@code strata.jobs.retention.*}).
 *
 * @param completed how long completed and cancelled jobs are kept after they finished (7d)
 * @param dead      how long failed and dead jobs are kept after they finished (30d)
 * @param interval  how often an instance deletes a batch of expired finished jobs per queue (1m)
 * @param batch     most jobs one round deletes per queue (1000)
 */
@ConfigurationProperties("strata.jobs.retention")
public record JobsRetentionSettings(@Bindable(defaultValue = "7d") Duration completed,
                                    @Bindable(defaultValue = "30d") Duration dead,
                                    @Bindable(defaultValue = "1m") Duration interval,
                                    @Bindable(defaultValue = "1000") int batch) {
    public JobsRetentionSettings {
        if (completed == null || completed.isNegative() || dead == null || dead.isNegative()) {
            throw new ConfigurationException("strata.jobs.retention.completed and .dead must be zero or positive");
        }
        JobsSettings.requirePositive("strata.jobs.retention.interval", interval);
        if (batch < 1) {
            throw new ConfigurationException("strata.jobs.retention.batch must be at least 1");
        }
    }
}

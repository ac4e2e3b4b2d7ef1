package dev.strata.bootstrap;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Jobs background loops ({@code strata.jobs.*}); retention is {@link JobsRetentionSettings}.
 *
 * @param reapInterval     how often an instance reaps the expired leases of every tenant's queues (1s)
 * @param tickInterval     how often an instance fires the due schedule ticks of every tenant (1s)
 * @param housekeepingBatch most tenants or queues one round of a loop visits (100)
 */
@ConfigurationProperties("strata.jobs")
public record JobsSettings(@Bindable(defaultValue = "1s") Duration reapInterval,
                           @Bindable(defaultValue = "1s") Duration tickInterval,
                           @Bindable(defaultValue = "100") int housekeepingBatch) {
    public JobsSettings {
        requirePositive("strata.jobs.reap-interval", reapInterval);
        requirePositive("strata.jobs.tick-interval", tickInterval);
        if (housekeepingBatch < 1) {
            throw new ConfigurationException("strata.jobs.housekeeping-batch must be at least 1");
        }
    }

    static void requirePositive(String key, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new ConfigurationException(key + " must be positive");
        }
    }
}

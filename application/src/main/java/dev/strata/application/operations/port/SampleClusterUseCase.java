package dev.strata.application.operations.port;

import dev.strata.domain.operations.RedisFigures;

/**
 * Use case: cluster-wide figures for metrics, with no tenant in them — sessions, the outbox, consumer-group lag and
 * pending aggregated over every tenant's groups (max and sum), dead letters, and whether Redis answers.
 */
public interface SampleClusterUseCase {
    ClusterSample sample();

    /** One sample; a figure that could not be read is null. */
    record ClusterSample(Long sessionsActive, Long outboxBacklog, Double outboxOldestAgeSeconds, Long groups, Long lagMax,
                         Long lagSum, Long pendingMax, Long pendingSum, Long groupsWithoutConsumer, Long deadLetters,
                         RedisFigures redis) {
        /** True when Redis answered the sample. */
        public boolean redisUp() {
            return redis.up();
        }
    }
}

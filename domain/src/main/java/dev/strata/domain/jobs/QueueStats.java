package dev.strata.domain.jobs;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Value object: a queue at a glance — jobs per state (every state present, zeros too) and the oldest waiting age. */
public record QueueStats(QueueName queue, Map<JobState, Long> counts, Optional<Duration> oldestWaitingAge) {
    public QueueStats {
        Objects.requireNonNull(queue, "queue must not be null");
        Objects.requireNonNull(oldestWaitingAge, "oldestWaitingAge must not be null");
        EnumMap<JobState, Long> all = new EnumMap<>(JobState.class);
        for (JobState state : JobState.values()) {
            all.put(state, counts.getOrDefault(state, 0L));
        }
        counts = Map.copyOf(all);
    }

    public long count(JobState state) {
        return counts.get(state);
    }
}

package dev.strata.domain.operations;

import java.util.Objects;

/**
 * Value object: one consumer group's backlog — events not yet delivered (lag), delivered but unacknowledged
 * (pending), live consumers, dead letters, and the age of the oldest pending delivery (null when unknown).
 */
public record GroupLag(String topic, String group, long lag, long pending, long consumers, long deadLetters,
                       Long oldestPendingSeconds) {
    public GroupLag {
        Objects.requireNonNull(topic, "topic must not be null");
        Objects.requireNonNull(group, "group must not be null");
    }
}

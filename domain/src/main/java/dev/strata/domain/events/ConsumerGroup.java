package dev.strata.domain.events;

import dev.strata.domain.shared.InvalidInputException;
import java.time.Instant;

/**
 * Entity: the durable definition of a consumer group — its topic, name, how it was asked to start and the
 * sequence it starts after (what a group re-created after a Redis loss resumes from).
 */
public record ConsumerGroup(Topic topic, GroupName name, StartAt startAt, long startAfter, Instant createdAt) {
    public ConsumerGroup {
        if (topic == null || name == null || startAt == null || createdAt == null) {
            throw new InvalidInputException("group", "topic, name, startAt and createdAt must not be null");
        }
        if (startAfter < 0) {
            throw new InvalidInputException("startAfter", "startAfter must be >= 0");
        }
    }
}

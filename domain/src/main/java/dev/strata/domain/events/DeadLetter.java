package dev.strata.domain.events;

import dev.strata.domain.shared.InvalidInputException;
import java.time.Instant;

/** Entity: an event a consumer group gave up on after too many deliveries, kept durably until replayed. */
public record DeadLetter(GroupName group, Event event, long deliveries, Instant deadAt) {
    public DeadLetter {
        if (group == null || event == null || deadAt == null) {
            throw new InvalidInputException("deadLetter", "group, event and deadAt must not be null");
        }
    }
}

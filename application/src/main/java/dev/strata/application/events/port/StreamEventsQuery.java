package dev.strata.application.events.port;

import dev.strata.domain.events.Topic;
import dev.strata.domain.shared.InvalidInputException;
import java.util.Objects;
import java.util.Optional;

/** Query: follow a topic live, starting after sequence {@code after} (the client's Last-Event-ID), or at the current end. */
public record StreamEventsQuery(Topic topic, Optional<Long> after) {
    public StreamEventsQuery {
        Objects.requireNonNull(topic, "topic must not be null");
        Objects.requireNonNull(after, "after must not be null");
        if (after.isPresent() && after.get() < 0) {
            throw new InvalidInputException("Last-Event-ID", "Last-Event-ID must be a sequence >= 0");
        }
    }
}

package dev.strata.application.events.port;

import dev.strata.application.shared.PageRequest;
import dev.strata.domain.events.Topic;
import dev.strata.domain.shared.InvalidInputException;
import java.util.Objects;

/** Query: a topic's events after a sequence, in order, at most {@code limit} (1–500). */
public record ReadEventsQuery(Topic topic, long after, int limit) {
    public ReadEventsQuery {
        Objects.requireNonNull(topic, "topic must not be null");
        if (after < 0) {
            throw new InvalidInputException("after", "after must be a sequence >= 0");
        }
        if (limit < 1 || limit > PageRequest.MAX_LIMIT) {
            throw new InvalidInputException("limit", "limit must be between 1 and " + PageRequest.MAX_LIMIT);
        }
    }
}

package dev.strata.application.events.port;

import dev.strata.domain.shared.InvalidInputException;
import java.util.Objects;

/** Command: deliver a dead letter (by event id) to the group again. */
public record ReplayDeadLetterCommand(GroupQuery group, String eventId) {
    public ReplayDeadLetterCommand {
        Objects.requireNonNull(group, "group must not be null");
        if (eventId == null || eventId.isEmpty() || eventId.length() > 1024) {
            throw new InvalidInputException("id", "id must be 1-1024 characters");
        }
    }
}

package dev.strata.application.events.port;

import dev.strata.domain.events.GroupName;
import dev.strata.domain.events.Topic;
import dev.strata.domain.shared.InvalidInputException;
import java.util.List;
import java.util.Objects;

/** Command: acknowledge events of a group by their ids (1–1000 ids). */
public record AckEventsCommand(Topic topic, GroupName group, List<String> ids) {
    public AckEventsCommand {
        Objects.requireNonNull(topic, "topic must not be null");
        Objects.requireNonNull(group, "group must not be null");
        if (ids == null || ids.isEmpty() || ids.size() > ReadGroupCommand.MAX_COUNT) {
            throw new InvalidInputException("ids", "ids must hold 1 to " + ReadGroupCommand.MAX_COUNT + " event ids");
        }
        if (ids.stream().anyMatch(id -> id == null || id.isEmpty() || id.length() > 1024)) {
            throw new InvalidInputException("ids", "every id must be 1-1024 characters");
        }
        ids = List.copyOf(ids);
    }
}

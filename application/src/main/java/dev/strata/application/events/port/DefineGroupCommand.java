package dev.strata.application.events.port;

import dev.strata.domain.events.GroupName;
import dev.strata.domain.events.StartAt;
import dev.strata.domain.events.Topic;
import java.util.Objects;

/** Command: create (or confirm) a consumer group of a topic starting at the latest or the earliest event. */
public record DefineGroupCommand(Topic topic, GroupName group, StartAt startAt) {
    public DefineGroupCommand {
        Objects.requireNonNull(topic, "topic must not be null");
        Objects.requireNonNull(group, "group must not be null");
        Objects.requireNonNull(startAt, "startAt must not be null");
    }
}

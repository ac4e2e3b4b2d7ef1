package dev.strata.application.events.port;

import dev.strata.domain.events.GroupName;
import dev.strata.domain.events.Topic;
import java.util.Objects;

/** Query: one consumer group of a topic. */
public record GroupQuery(Topic topic, GroupName group) {
    public GroupQuery {
        Objects.requireNonNull(topic, "topic must not be null");
        Objects.requireNonNull(group, "group must not be null");
    }
}

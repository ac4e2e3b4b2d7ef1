package dev.strata.application.events.port;

import dev.strata.application.shared.PageRequest;
import java.util.Objects;

/** Query: one page of a group's dead letters, in sequence order. */
public record ListDeadLettersQuery(GroupQuery group, PageRequest page) {
    public ListDeadLettersQuery {
        Objects.requireNonNull(group, "group must not be null");
        Objects.requireNonNull(page, "page must not be null");
    }
}

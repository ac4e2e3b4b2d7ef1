package dev.strata.domain.events;

import dev.strata.domain.shared.InvalidInputException;
import dev.strata.domain.shared.ResourceName;

/** Value object: the name of a consumer group of a topic, matching {@code ^[a-z0-9][a-z0-9_.-]{0,62}$}. */
public record GroupName(String value) {
    public GroupName {
        if (value == null) {
            throw new InvalidInputException("group", "group must not be null");
        }
        ResourceName.of("group", value);
    }

    @Override
    public String toString() {
        return value;
    }
}

package dev.strata.domain.events;

import dev.strata.domain.shared.InvalidInputException;
import dev.strata.domain.shared.ResourceName;

/** Value object: the name of a topic, matching {@code ^[a-z0-9][a-z0-9_.-]{0,62}$}. */
public record Topic(String value) {
    public Topic {
        if (value == null) {
            throw new InvalidInputException("topic", "topic must not be null");
        }
        ResourceName.of("topic", value);
    }

    public static Topic of(String value) {
        return new Topic(value);
    }

    @Override
    public String toString() {
        return value;
    }
}

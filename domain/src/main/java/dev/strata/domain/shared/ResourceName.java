package dev.strata.domain.shared;

import java.util.regex.Pattern;

/** Value object: the name of a namespace, collection, topic, policy or secret. */
public record ResourceName(String value) {
    private static final Pattern VALID = Pattern.compile("^[a-z0-9][a-z0-9_.-]{0,62}$");

    public ResourceName {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new InvalidInputException("name", "name must match ^[a-z0-9][a-z0-9_.-]{0,62}$");
        }
    }

    /** Checks a name for the argument {@code field}, so that the error names the field the client sent. */
    public static ResourceName of(String field, String value) {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new InvalidInputException(field, field + " must match ^[a-z0-9][a-z0-9_.-]{0,62}$");
        }
        return new ResourceName(value);
    }

    @Override
    public String toString() {
        return value;
    }
}

package dev.strata.domain.vectors;

import dev.strata.domain.shared.InvalidInputException;

/** Value object: the client-chosen id of an item in a collection (1–256 characters, no control characters). */
public record VectorId(String value) {
    public static final int MAX_LENGTH = 256;

    public VectorId {
        check("id", value);
    }

    /** Checks an id for the argument {@code field} (e.g. {@code items[3].id}), so the error names it. */
    public static VectorId of(String field, String value) {
        check(field, value);
        return new VectorId(value);
    }

    private static void check(String field, String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH
                || value.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException(field, field + " must be 1-" + MAX_LENGTH + " characters without control characters");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}

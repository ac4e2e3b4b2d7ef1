package dev.strata.adapters.http.cache;

import dev.strata.domain.shared.InvalidInputException;
import io.micronaut.core.annotation.Nullable;

/** HTTP adapter helper: query-string values of the cache routes read strictly; anything else is invalid input (400). */
final class QueryValues {
    private QueryValues() {
    }

    /** {@code true} or {@code false}; absent or empty is false. */
    static boolean flag(String field, @Nullable String value) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        if (value.equals("false")) {
            return false;
        }
        throw new InvalidInputException(field, field + " must be true or false");
    }

    /** An integer from {@code min} to {@code max}; absent or empty is {@code fallback}. */
    static long bounded(String field, @Nullable String value, long min, long max, long fallback) {
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidInputException(field, field + " must be an integer " + min + "-" + max);
    }
}

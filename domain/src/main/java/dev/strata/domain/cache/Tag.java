package dev.strata.domain.cache;

import dev.strata.domain.shared.InvalidInputException;
import java.util.regex.Pattern;

/** Value object: a label on cache entries ({@code user:42}, {@code catalog}) that invalidates them together. */
public record Tag(String value) {
    private static final Pattern VALID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$");

    public Tag {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new InvalidInputException("tags", "tags must match ^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$");
        }
    }

    /** Checks a tag for the argument {@code field}, so that the error names the field the client sent. */
    public static Tag of(String field, String value) {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new InvalidInputException(field, field + " must match ^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$");
        }
        return new Tag(value);
    }

    @Override
    public String toString() {
        return value;
    }
}

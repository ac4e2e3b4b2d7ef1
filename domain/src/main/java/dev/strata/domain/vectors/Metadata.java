package dev.strata.domain.vectors;

import dev.strata.domain.shared.InvalidInputException;
import java.util.Map;
import java.util.regex.Pattern;

/** Value object: an item's metadata, a flat object of at most 64 named scalar values. */
public record Metadata(Map<String, MetadataValue> fields) {
    public static final Metadata EMPTY = new Metadata(Map.of());
    public static final int MAX_FIELDS = 64;
    private static final Pattern FIELD_NAME = Pattern.compile("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}$");

    public Metadata {
        if (fields == null) {
            throw new InvalidInputException("metadata", "metadata must not be null");
        }
        if (fields.size() > MAX_FIELDS) {
            throw new InvalidInputException("metadata", "metadata must have at most " + MAX_FIELDS + " fields");
        }
        fields.forEach((name, value) -> {
            requireFieldName("metadata", name);
            if (value == null) {
                throw new InvalidInputException("metadata", "metadata." + name + " must not be null");
            }
        });
        fields = Map.copyOf(fields);
    }

    public static Metadata of(Map<String, MetadataValue> fields) {
        return new Metadata(fields);
    }

    /** True when {@code name} is a safe field name: {@code ^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}$}. */
    public static boolean isFieldName(String name) {
        return name != null && FIELD_NAME.matcher(name).matches();
    }

    /** Checks a metadata field name ({@code ^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}$}) for the argument {@code field}. */
    public static String requireFieldName(String field, String name) {
        if (name == null || !FIELD_NAME.matcher(name).matches()) {
            throw new InvalidInputException(field, field + " field names must match ^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}$");
        }
        return name;
    }
}

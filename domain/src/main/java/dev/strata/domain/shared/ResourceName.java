package dev.strata.domain.shared;

/**
 * Value object: the name of a namespace, collection, topic, policy or secret — a tenant's name, so never one
 * of the names reserved for Strata ({@link ReservedNames}).
 */
public record ResourceName(String value) {
    public ResourceName {
        if (!isValid(value)) {
            throw new InvalidInputException("name", "name must match ^[a-z0-9][a-z0-9_.-]{0,62}$");
        }
        ReservedNames.refuse("name", value);
    }

    /** Checks a name for the argument {@code field}, so that the error names the field the client sent. */
    public static ResourceName of(String field, String value) {
        if (!isValid(value)) {
            throw new InvalidInputException(field, field + " must match ^[a-z0-9][a-z0-9_.-]{0,62}$");
        }
        ReservedNames.refuse(field, value);
        return new ResourceName(value);
    }

    /** True when {@code value} matches {@code ^[a-z0-9][a-z0-9_.-]{0,62}$} (a loop: names are checked on every request). */
    public static boolean isValid(String value) {
        if (value == null || value.isEmpty() || value.length() > 63) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean alphanumeric = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            if (!alphanumeric && (i == 0 || (c != '_' && c != '.' && c != '-'))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return value;
    }
}

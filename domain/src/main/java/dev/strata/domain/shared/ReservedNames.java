package dev.strata.domain.shared;

/**
 * Rule: names starting with {@value #PREFIX} (in any case) belong to Strata itself, so no tenant may choose
 * one — for a namespace, topic, group, policy, collection, secret or consumer. One check, used wherever a
 * tenant names something.
 */
public final class ReservedNames {
    /** The reserved prefix. */
    public static final String PREFIX = "strata.";
    /** The problem code of a refused name. */
    public static final String CODE = "shared.reserved_name";

    private ReservedNames() {
    }

    /** True when {@code value} starts with {@value #PREFIX}, ignoring case. */
    public static boolean isReserved(String value) {
        return value != null && value.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
    }

    /** Throws a 400 naming {@code field} when {@code value} is reserved. */
    public static void refuse(String field, String value) {
        if (isReserved(value)) {
            throw new InvalidInputException(CODE, field,
                    field + " must not start with '" + PREFIX + "' (reserved for Strata)");
        }
    }
}

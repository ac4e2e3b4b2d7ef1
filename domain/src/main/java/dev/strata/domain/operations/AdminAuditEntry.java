package dev.strata.domain.operations;

import dev.strata.domain.shared.InvalidInputException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * Value object: one action taken through the admin surface — who acted (the client or user id of the token,
 * never a token or secret), what, on which target, how it ended, a short detail (a count, a status), and when
 * (kept to the millisecond, what every store can hold).
 */
public record AdminAuditEntry(String actor, AdminAction action, String target, boolean succeeded, String detail,
                              Instant time) {
    public static final int MAX_ACTOR = 300;
    public static final int MAX_TARGET = 1000;
    public static final int MAX_DETAIL = 500;

    public AdminAuditEntry {
        require("actor", actor, MAX_ACTOR);
        require("target", target, MAX_TARGET);
        Objects.requireNonNull(action, "action must not be null");
        Objects.requireNonNull(time, "time must not be null");
        detail = detail == null ? "" : detail;
        if (detail.length() > MAX_DETAIL) {
            detail = detail.substring(0, MAX_DETAIL);
        }
        time = time.truncatedTo(ChronoUnit.MILLIS);
    }

    private static void require(String field, String value, int max) {
        if (value == null || value.isEmpty() || value.length() > max) {
            throw new InvalidInputException(field, field + " must be 1-" + max + " characters");
        }
    }
}

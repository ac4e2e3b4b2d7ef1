package dev.strata.domain.secrets;

import dev.strata.domain.shared.InvalidInputException;
import dev.strata.domain.shared.ResourceName;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Value object: what one audit record says — who ({@code actor}: a client or user id) did {@code action} to
 * version {@code version} of {@code secret}, in which request, when (kept to the millisecond, what every store
 * keeps exactly, so that the hash over it can be recomputed). Never holds a value or a key.
 */
public record AuditEntry(String actor, ResourceName secret, int version, AuditAction action, String requestId, Instant time) {
    public static final int MAX_TEXT_LENGTH = 200;

    public AuditEntry {
        actor = text("actor", actor);
        if (secret == null) {
            throw new InvalidInputException("secret", "secret must not be null");
        }
        if (version < 1) {
            throw new InvalidInputException("version", "version must be at least 1");
        }
        if (action == null) {
            throw new InvalidInputException("action", "action must not be null");
        }
        requestId = text("requestId", requestId);
        if (time == null) {
            throw new InvalidInputException("time", "time must not be null");
        }
        time = time.truncatedTo(ChronoUnit.MILLIS);
    }

    private static String text(String field, String value) {
        if (value == null || value.isBlank() || value.length() > MAX_TEXT_LENGTH
                || value.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException(field, field + " must be 1-" + MAX_TEXT_LENGTH + " printable characters");
        }
        return value;
    }
}

package dev.strata.domain.secrets;

import dev.strata.domain.shared.InvalidInputException;
import dev.strata.domain.shared.ResourceName;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Entity: what may be shown about a secret without revealing it — description, owning service, rotation
 * period, its latest version and when it was created and last rotated.
 */
public record SecretMetadata(ResourceName name, Optional<String> description, Optional<String> service,
                             OptionalInt rotationPeriodDays, int version, Instant createdAt, Instant lastRotatedAt) {
    public static final int MAX_DESCRIPTION_LENGTH = 1000;
    public static final int MAX_SERVICE_LENGTH = 100;
    public static final int MAX_ROTATION_PERIOD_DAYS = 3650;

    public SecretMetadata {
        if (name == null) {
            throw new InvalidInputException("name", "name must not be null");
        }
        description = text("description", description, MAX_DESCRIPTION_LENGTH);
        service = text("service", service, MAX_SERVICE_LENGTH);
        if (rotationPeriodDays == null || (rotationPeriodDays.isPresent()
                && (rotationPeriodDays.getAsInt() < 1 || rotationPeriodDays.getAsInt() > MAX_ROTATION_PERIOD_DAYS))) {
            throw new InvalidInputException("rotationPeriodDays", "rotationPeriodDays must be 1-" + MAX_ROTATION_PERIOD_DAYS + " when given");
        }
        if (version < 1) {
            throw new InvalidInputException("version", "version must be at least 1");
        }
        if (createdAt == null) {
            throw new InvalidInputException("createdAt", "createdAt must not be null");
        }
        if (lastRotatedAt == null || lastRotatedAt.isBefore(createdAt)) {
            throw new InvalidInputException("lastRotatedAt", "lastRotatedAt must not be before createdAt");
        }
    }

    /** The metadata of a new secret: version 1, created and last rotated at {@code now}. */
    public static SecretMetadata first(ResourceName name, Optional<String> description, Optional<String> service,
                                       OptionalInt rotationPeriodDays, Instant now) {
        return new SecretMetadata(name, description, service, rotationPeriodDays, 1, now, now);
    }

    /** True when a rotation period is set and has run out since the last rotation. */
    public boolean rotationDueAt(Instant now) {
        return rotationPeriodDays.isPresent()
                && !now.isBefore(lastRotatedAt.plus(Duration.ofDays(rotationPeriodDays.getAsInt())));
    }

    private static Optional<String> text(String field, Optional<String> value, int max) {
        if (value == null) {
            throw new InvalidInputException(field, field + " must not be null (use Optional.empty())");
        }
        if (value.isPresent() && (value.get().length() > max || value.get().isBlank()
                || value.get().chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t'))) {
            throw new InvalidInputException(field, field + " must be 1-" + max + " printable characters when given");
        }
        return value.map(String::strip);
    }
}

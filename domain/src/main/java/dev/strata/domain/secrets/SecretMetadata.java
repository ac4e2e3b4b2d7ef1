package dev.strata.domain.secrets;

import dev.strata.domain.shared.Clock;
import dev.strata.domain.shared.InvalidInputException;
import dev.strata.domain.shared.ResourceName;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Entity: what may be shown about a secret without revealing it — description, owning service, rotation
 * period, how many versions it keeps, its current and latest version (the latest is PENDING during a staged
 * rotation) and when it was created and last rotated (its current version became current).
 */
public record SecretMetadata(ResourceName name, Optional<String> description, Optional<String> service,
                             int rotationPeriodDays, int maxVersions, int version, int latestVersion,
                             Instant createdAt, Instant lastRotatedAt) {
    public static final int MAX_DESCRIPTION_LENGTH = 1000;
    public static final int MAX_SERVICE_LENGTH = 100;
    public static final int MAX_ROTATION_PERIOD_DAYS = 3650;
    public static final int MAX_VERSIONS_LIMIT = 100;

    public SecretMetadata {
        if (name == null) {
            throw new InvalidInputException("name", "name must not be null");
        }
        description = text("description", description, MAX_DESCRIPTION_LENGTH);
        service = text("service", service, MAX_SERVICE_LENGTH);
        if (rotationPeriodDays < 1 || rotationPeriodDays > MAX_ROTATION_PERIOD_DAYS) {
            throw new InvalidInputException("rotationPeriodDays", "rotationPeriodDays must be 1-" + MAX_ROTATION_PERIOD_DAYS);
        }
        if (maxVersions < 1 || maxVersions > MAX_VERSIONS_LIMIT) {
            throw new InvalidInputException("maxVersions", "maxVersions must be 1-" + MAX_VERSIONS_LIMIT);
        }
        if (version < 1) {
            throw new InvalidInputException("version", "version must be at least 1");
        }
        if (latestVersion < version) {
            throw new InvalidInputException("latestVersion", "latestVersion must not be below version");
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
                                       int rotationPeriodDays, int maxVersions, Instant now) {
        return new SecretMetadata(name, description, service, rotationPeriodDays, maxVersions, 1, 1, now, now);
    }

    /** When the current version is due for rotation: the last rotation plus the rotation period. */
    public Instant rotationDueAt() {
        return lastRotatedAt.plus(Duration.ofDays(rotationPeriodDays));
    }

    /** True once the rotation period has run out since the last rotation, as {@code clock} tells the time. */
    public boolean rotationDue(Clock clock) {
        return !clock.now().isBefore(rotationDueAt());
    }

    /** True while a staged rotation waits to be promoted. */
    public boolean hasPending() {
        return latestVersion > version;
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

package dev.strata.application.secrets;

import dev.strata.domain.secrets.SecretMetadata;
import dev.strata.domain.secrets.SecretValueTooLargeException;
import dev.strata.domain.shared.Quota;
import java.util.Objects;

/**
 * Settings of the secrets use cases: the rotation period and version limit of secrets created without their own,
 * the per-tenant quota of secrets and the largest value in bytes (at most 64 KiB).
 */
public record SecretSettings(int defaultRotationPeriodDays, int defaultMaxVersions, Quota quota, int maxValueBytes) {
    /** The defaults: rotation every 90 days, 10 versions kept. */
    public static final int DEFAULT_ROTATION_PERIOD_DAYS = 90;
    public static final int DEFAULT_MAX_VERSIONS = 10;

    public SecretSettings {
        if (defaultRotationPeriodDays < 1 || defaultRotationPeriodDays > SecretMetadata.MAX_ROTATION_PERIOD_DAYS) {
            throw new IllegalArgumentException("defaultRotationPeriodDays must be 1-" + SecretMetadata.MAX_ROTATION_PERIOD_DAYS);
        }
        if (defaultMaxVersions < 1 || defaultMaxVersions > SecretMetadata.MAX_VERSIONS_LIMIT) {
            throw new IllegalArgumentException("defaultMaxVersions must be 1-" + SecretMetadata.MAX_VERSIONS_LIMIT);
        }
        Objects.requireNonNull(quota, "quota must not be null");
        if (maxValueBytes < 1 || maxValueBytes > SecretValueTooLargeException.MAX_VALUE_BYTES) {
            throw new IllegalArgumentException("maxValueBytes must be 1-" + SecretValueTooLargeException.MAX_VALUE_BYTES);
        }
    }

    /** Settings with the largest value the vault allows (64 KiB). */
    public SecretSettings(int defaultRotationPeriodDays, int defaultMaxVersions, Quota quota) {
        this(defaultRotationPeriodDays, defaultMaxVersions, quota, SecretValueTooLargeException.MAX_VALUE_BYTES);
    }
}

package dev.strata.bootstrap;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;
import java.util.Map;

/**
 * Secrets vault settings ({@code strata.secrets.*}). {@link #toString()} names the key ids, never the keys.
 *
 * @param masterKeys       master keys: key id → base64 key of at least 32 bytes ({@code STRATA_SECRETS_MASTER_KEYS_K1});
 *                         ids are case-insensitive (environment variables arrive lower-cased); none outside dev
 *                         mode leaves the vault sealed
 * @param activeKey        the key id that wraps new data keys; may be left out when there is one key
 * @param cacheTtl         longest life of a revealed plaintext in an instance's memory (5m); 0 keeps none
 * @param cacheMax         most plaintext entries one instance holds (10000); the oldest goes first; 0 keeps none
 * @param defaultRotation  rotation period of a secret created without one (90 days)
 * @param maxVersions      versions kept per secret (10); older versions' key material is destroyed
 * @param maxValueBytes    largest secret value (65536); one byte more is refused with 413
 * @param dueCheckInterval how often an instance claims and announces ({@code secret.rotation_due}) due versions (1m)
 */
@ConfigurationProperties("strata.secrets")
public record SecretsSettings(@Nullable Map<String, String> masterKeys,
                              @Nullable String activeKey,
                              @Bindable(defaultValue = "5m") Duration cacheTtl,
                              @Bindable(defaultValue = "10000") int cacheMax,
                              @Bindable(defaultValue = "90d") Duration defaultRotation,
                              @Bindable(defaultValue = "10") int maxVersions,
                              @Bindable(defaultValue = "65536") int maxValueBytes,
                              @Bindable(defaultValue = "1m") Duration dueCheckInterval) {
    public SecretsSettings {
        if (cacheTtl == null || cacheTtl.isNegative()) {
            throw new ConfigurationException("strata.secrets.cache-ttl must be zero or positive");
        }
        if (cacheMax < 0) {
            throw new ConfigurationException("strata.secrets.cache-max must be zero or positive");
        }
        if (defaultRotation == null || defaultRotation.toDays() < 1) {
            throw new ConfigurationException("strata.secrets.default-rotation must be at least one day");
        }
        if (maxVersions < 1) {
            throw new ConfigurationException("strata.secrets.max-versions must be at least 1");
        }
        if (dueCheckInterval == null || dueCheckInterval.isNegative() || dueCheckInterval.isZero()) {
            throw new ConfigurationException("strata.secrets.due-check-interval must be positive");
        }
        if (maxValueBytes < 1 || maxValueBytes > 65_536) {
            throw new ConfigurationException("strata.secrets.max-value-bytes must be 1-65536");
        }
    }

    /** The default rotation period in whole days, as {@code rotationPeriodDays} speaks of it. */
    public int defaultRotationDays() {
        return Math.toIntExact(defaultRotation.toDays());
    }

    @Override
    public String toString() {
        return "SecretsSettings[masterKeys=" + (masterKeys == null ? "[]" : new java.util.TreeSet<>(masterKeys.keySet()))
                + ", activeKey=" + activeKey + ", cacheTtl=" + cacheTtl + ", cacheMax=" + cacheMax
                + ", defaultRotation=" + defaultRotation + ", maxVersions=" + maxVersions + ", maxValueBytes=" + maxValueBytes + ", dueCheckInterval=" + dueCheckInterval + "]";
    }
}

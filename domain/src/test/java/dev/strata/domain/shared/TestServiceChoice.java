package dev.strata.domain.shared;

import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * Test support: where one server (Redis or Postgres) of the integration tests comes from, decided without touching it.
 * A non-blank system property wins; otherwise Testcontainers when a Docker engine answers; otherwise the local
 * services of {@code scripts/services.sh}. The Docker probe is asked only when no property settles it.
 */
public enum TestServiceChoice {
    /** The address given with {@code -Dstrata.test.*}. */
    PROPERTY,
    /** A container started through Testcontainers, once per test JVM. */
    TESTCONTAINERS,
    /** The local server at its default address, as {@code scripts/services.sh} starts it. */
    LOCAL;

    /** Decides for one server, given its property value (null or blank when not set) and the Docker probe. */
    public static TestServiceChoice of(String property, BooleanSupplier dockerAvailable) {
        Objects.requireNonNull(dockerAvailable, "dockerAvailable");
        if (property != null && !property.isBlank()) {
            return PROPERTY;
        }
        return dockerAvailable.getAsBoolean() ? TESTCONTAINERS : LOCAL;
    }

    /** The words printed at test start for this source. */
    String describe() {
        return switch (this) {
            case PROPERTY -> "given by system property";
            case TESTCONTAINERS -> "Testcontainers";
            case LOCAL -> "local services (no Docker engine answered)";
        };
    }
}

package dev.strata.domain.identity;

import java.time.Duration;
import java.util.Objects;

/** Value object: after {@code maxFailures} failures within {@code window}, the account is locked for {@code duration}. */
public record LockoutPolicy(int maxFailures, Duration window, Duration duration) {
    public LockoutPolicy {
        if (maxFailures < 1) {
            throw new IllegalArgumentException("maxFailures must be at least 1");
        }
        Objects.requireNonNull(window, "window must not be null");
        Objects.requireNonNull(duration, "duration must not be null");
        if (window.isNegative() || window.isZero() || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("window and duration must be positive");
        }
    }
}

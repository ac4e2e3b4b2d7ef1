package dev.strata.domain.jobs;

import dev.strata.domain.shared.InvalidInputException;
import java.time.Duration;
import java.util.Objects;

/**
 * Value object: the wait before a failed job runs again. After the n-th failed attempt it is
 * {@code baseSeconds × 2^(n-1)} (exponential) or {@code baseSeconds} (fixed), capped at {@code maxSeconds},
 * then spread by ±10 % jitter so that jobs failing together do not come back together.
 */
public record Backoff(BackoffType type, int baseSeconds, int maxSeconds) {
    /** The longest wait a backoff may ask for: one day. */
    public static final int MAX_SECONDS = 86_400;
    /** The jitter: ± this fraction of the wait. */
    public static final double JITTER = 0.10;
    /** What a job gets when its creator names no backoff: exponential from 5 s, at most 1 h. */
    public static final Backoff DEFAULT = new Backoff(BackoffType.EXPONENTIAL, 5, 3600);

    public Backoff {
        if (type == null) {
            throw new InvalidInputException("backoff.type", "backoff.type must be exponential or fixed");
        }
        if (baseSeconds < 1 || baseSeconds > MAX_SECONDS) {
            throw new InvalidInputException("backoff.baseSeconds", "backoff.baseSeconds must be 1.." + MAX_SECONDS);
        }
        if (maxSeconds < baseSeconds || maxSeconds > MAX_SECONDS) {
            throw new InvalidInputException("backoff.maxSeconds",
                    "backoff.maxSeconds must be at least backoff.baseSeconds and at most " + MAX_SECONDS);
        }
    }

    /** The wait before the next attempt, without jitter, after {@code failedAttempts} (≥ 1) failures. */
    public Duration nominal(int failedAttempts) {
        if (failedAttempts < 1) {
            throw new IllegalArgumentException("failedAttempts must be at least 1");
        }
        long seconds = baseSeconds;
        if (type == BackoffType.EXPONENTIAL) {
            int doublings = Math.min(failedAttempts - 1, 30);
            seconds = Math.min((long) baseSeconds << doublings, maxSeconds);
        }
        return Duration.ofSeconds(Math.min(seconds, maxSeconds));
    }

    /**
     * The wait with jitter: {@code nominal × (1 - 10 % + 20 % × unitRandom)}, to the millisecond.
     *
     * @param unitRandom a uniform random number in [0, 1)
     */
    public Duration delay(int failedAttempts, double unitRandom) {
        if (!(unitRandom >= 0 && unitRandom < 1)) {
            throw new IllegalArgumentException("unitRandom must be in [0, 1)");
        }
        double factor = 1 - JITTER + 2 * JITTER * unitRandom;
        return Duration.ofMillis(Math.round(nominal(failedAttempts).toMillis() * factor));
    }

    @Override
    public String toString() {
        return type.wire() + "(" + baseSeconds + "s.." + maxSeconds + "s)";
    }

    /** For callers that hold a nullable backoff: {@code backoff} or the default. */
    public static Backoff orDefault(Backoff backoff) {
        return Objects.requireNonNullElse(backoff, DEFAULT);
    }
}

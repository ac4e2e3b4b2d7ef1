package dev.strata.domain.jobs;

import dev.strata.domain.shared.InvalidInputException;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Value object: a queue's limits — paused (no claims), at most {@code concurrency} jobs running at once across all
 * workers and instances, at most {@code ratePerSecond} claims per second. Absent limits mean unlimited.
 */
public record QueueSettings(boolean paused, OptionalInt concurrency, Optional<Double> ratePerSecond) {
    public static final int MAX_CONCURRENCY = 100_000;
    public static final double MAX_RATE_PER_SECOND = 1_000_000;
    /** A queue nobody configured: running, unlimited. */
    public static final QueueSettings DEFAULT = new QueueSettings(false, OptionalInt.empty(), Optional.empty());

    public QueueSettings {
        Objects.requireNonNull(concurrency, "concurrency must not be null");
        Objects.requireNonNull(ratePerSecond, "ratePerSecond must not be null");
        if (concurrency.isPresent() && (concurrency.getAsInt() < 1 || concurrency.getAsInt() > MAX_CONCURRENCY)) {
            throw new InvalidInputException("concurrency", "concurrency must be 1.." + MAX_CONCURRENCY);
        }
        if (ratePerSecond.isPresent()) {
            double rate = ratePerSecond.get();
            if (!(rate > 0) || rate > MAX_RATE_PER_SECOND || Double.isNaN(rate)) {
                throw new InvalidInputException("ratePerSecond", "ratePerSecond must be above 0 and at most "
                        + (long) MAX_RATE_PER_SECOND);
            }
        }
    }

    public QueueSettings withPaused(boolean value) {
        return new QueueSettings(value, concurrency, ratePerSecond);
    }

    /** The same pause state with new limits. */
    public QueueSettings withLimits(OptionalInt newConcurrency, Optional<Double> newRatePerSecond) {
        return new QueueSettings(paused, newConcurrency, newRatePerSecond);
    }
}

package dev.strata.domain.shared;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/** Test double of {@link Clock}: a clock that stands still until a test sets or advances it. Thread-safe. */
public final class MutableClock implements Clock {
    /** Where a new clock starts unless told otherwise: a fixed, millisecond-precise instant. */
    public static final Instant DEFAULT_START = Instant.parse("2030-01-01T00:00:00Z");

    private final AtomicReference<Instant> now;

    public MutableClock() {
        this(DEFAULT_START);
    }

    public MutableClock(Instant start) {
        this.now = new AtomicReference<>(Objects.requireNonNull(start, "start must not be null"));
    }

    @Override
    public Instant now() {
        return now.get();
    }

    public void set(Instant instant) {
        now.set(Objects.requireNonNull(instant, "instant must not be null"));
    }

    /** Moves the clock forward (a negative duration moves it back, for tests of clock skew). */
    public Instant advance(Duration duration) {
        return now.updateAndGet(current -> current.plus(duration));
    }
}

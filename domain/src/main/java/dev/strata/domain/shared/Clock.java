package dev.strata.domain.shared;

import java.time.Instant;

/** Driven port: the time source, so that use cases and tests agree on "now". */
@FunctionalInterface
public interface Clock {
    Instant now();

    /** The wall clock of this machine. */
    static Clock system() {
        return Instant::now;
    }
}

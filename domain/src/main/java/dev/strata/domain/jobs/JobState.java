package dev.strata.domain.jobs;

import dev.strata.domain.shared.InvalidInputException;
import java.util.Locale;

/**
 * Value object: where a job stands. {@code waiting} and {@code delayed} jobs are pending (claimable once their
 * {@code runAt} has come), {@code running} ones are leased to a worker; the others are final until retried.
 */
public enum JobState {
    WAITING, DELAYED, RUNNING, COMPLETED, FAILED, DEAD, CANCELLED;

    /** The lower-case name used on the wire and in storage. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True for the states a job is claimable from (once due). */
    public boolean pending() {
        return this == WAITING || this == DELAYED;
    }

    /** True for the states under which a unique key is held: pending or running. */
    public boolean holdsUniqueKey() {
        return pending() || this == RUNNING;
    }

    /** Parses a wire name; an unknown one is an {@link InvalidInputException} naming {@code state}. */
    public static JobState fromWire(String text) {
        if (text != null) {
            for (JobState state : values()) {
                if (state.wire().equals(text)) {
                    return state;
                }
            }
        }
        throw new InvalidInputException("state",
                "state must be one of waiting, delayed, running, completed, failed, dead, cancelled");
    }
}

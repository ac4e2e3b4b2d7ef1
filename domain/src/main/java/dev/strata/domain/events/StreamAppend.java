package dev.strata.domain.events;

/**
 * Value object: the outcome of appending a batch to the live stream — how many entries were new (the rest
 * were already there), and whether the stream had vanished although events had been relayed to it before
 * (Redis lost its data).
 */
public record StreamAppend(int appended, boolean streamLost) {
    public StreamAppend {
        if (appended < 0) {
            throw new IllegalArgumentException("appended must be >= 0");
        }
    }
}

package dev.strata.domain.operations;

import java.util.Arrays;
import java.util.Optional;

/** Value: the kinds of dashboard action the admin audit log records, with their stable wire names. */
public enum AdminAction {
    CACHE_INVALIDATE_NAMESPACE("cache.invalidate-namespace"),
    CACHE_INVALIDATE_TAG("cache.invalidate-tag"),
    EVENTS_REPLAY_DEAD_LETTER("events.replay-dead-letter");

    private final String wire;

    AdminAction(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<AdminAction> fromWire(String wire) {
        return Arrays.stream(values()).filter(a -> a.wire.equals(wire)).findFirst();
    }
}

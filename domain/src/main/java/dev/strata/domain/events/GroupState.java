package dev.strata.domain.events;

/**
 * Value object: what the live stream knows of a consumer group — the last sequence handed out, how many
 * events are delivered but unacknowledged, how many consumers it has, and how long the oldest unacknowledged
 * delivery has waited since it was last delivered (null when nothing is pending).
 */
public record GroupState(long lastDelivered, long pending, long consumers, Long oldestPendingMillis) {
    public GroupState {
        if (lastDelivered < 0 || pending < 0 || consumers < 0 || (oldestPendingMillis != null && oldestPendingMillis < 0)) {
            throw new IllegalArgumentException("group state figures must be >= 0");
        }
    }

    /** A group state with nothing pending. */
    public static GroupState idle(long lastDelivered, long consumers) {
        return new GroupState(lastDelivered, 0, consumers, null);
    }
}

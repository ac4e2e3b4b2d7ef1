package dev.strata.domain.events;

/**
 * Value object: what the live stream knows of a consumer group — the last sequence handed out, how many
 * events are delivered but unacknowledged, and how many consumers it has.
 */
public record GroupState(long lastDelivered, long pending, long consumers) {
    public GroupState {
        if (lastDelivered < 0 || pending < 0 || consumers < 0) {
            throw new IllegalArgumentException("group state figures must be >= 0");
        }
    }
}

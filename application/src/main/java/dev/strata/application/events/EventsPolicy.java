package dev.strata.application.events;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the events use cases.
 *
 * @param visibilityTimeout how long a delivered, unacknowledged event waits before the next reader gets it
 * @param maxDeliveries     deliveries after which an event goes to the dead letters
 * @param retention         how long the durable log keeps events
 * @param relayBatch        events the relay moves per step
 * @param streamMaxLength   entries the live stream keeps per topic (more while a group still needs them)
 * @param heartbeat         interval of heartbeats on live feeds
 * @param pollInterval      how often a live feed checks for events it may have missed
 */
public record EventsPolicy(Duration visibilityTimeout, int maxDeliveries, Duration retention, int relayBatch,
                           long streamMaxLength, Duration heartbeat, Duration pollInterval) {
    public EventsPolicy {
        Objects.requireNonNull(visibilityTimeout, "visibilityTimeout must not be null");
        Objects.requireNonNull(retention, "retention must not be null");
        Objects.requireNonNull(heartbeat, "heartbeat must not be null");
        Objects.requireNonNull(pollInterval, "pollInterval must not be null");
        if (maxDeliveries < 1 || relayBatch < 1 || streamMaxLength < 1) {
            throw new IllegalArgumentException("maxDeliveries, relayBatch and streamMaxLength must be >= 1");
        }
    }
}

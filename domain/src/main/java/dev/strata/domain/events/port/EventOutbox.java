package dev.strata.domain.events.port;

import dev.strata.domain.events.Event;
import dev.strata.domain.events.PendingTopic;
import dev.strata.domain.events.Topic;
import java.time.Instant;
import java.util.List;

/**
 * Driven port: the relay's side of the durable log (Postgres outbox). Appends made through {@link EventLog}
 * are pending until the relay has moved them to the live stream and marked them relayed.
 */
public interface EventOutbox {
    /** Topics of any tenant with pending events (no tenant context needed), at most {@code limit}. */
    List<PendingTopic> pendingTopics(int limit);

    /**
     * Numbers committed events that nobody numbered (an appender stopped between its commit and its numbering
     * after commit, or that numbering failed), in at most {@code limit} topics of any tenant; no tenant context
     * needed. Returns how many topics it numbered. A store whose appends are always numbered has none.
     */
    default int numberStragglers(int limit) {
        return 0;
    }

    /**
     * Under an exclusive per-topic lease of the current tenant (one holder across all instances), hands the
     * next unrelayed events (in order, at most {@code max}) to {@code step} and records the sequence it
     * returns as relayed, atomically. Returns false, doing nothing, while another holder has the lease.
     */
    boolean relay(Topic topic, int max, RelayStep step);

    /** Makes the relay move the topic's events again from after {@code afterSequence} (the stream lost them). */
    void rewind(Topic topic, long afterSequence);

    /** Deletes the topic's relayed events older than {@code cutoff} and expired idempotency keys; returns events deleted. */
    int purge(Topic topic, Instant cutoff);

    /** What the relay does with a batch while it holds the lease. */
    @FunctionalInterface
    interface RelayStep {
        /**
         * @param relayedBefore the highest sequence already relayed
         * @param events        the next events after it, in order (may be empty)
         * @return the highest sequence now relayed; lower than {@code relayedBefore} makes the relay move the
         *         events after it again (the stream lost them)
         */
        long relay(long relayedBefore, List<Event> events);
    }
}

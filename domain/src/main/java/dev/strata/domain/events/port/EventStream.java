package dev.strata.domain.events.port;

import dev.strata.domain.events.ConsumerName;
import dev.strata.domain.events.Delivery;
import dev.strata.domain.events.Event;
import dev.strata.domain.events.GroupName;
import dev.strata.domain.events.GroupState;
import dev.strata.domain.events.StreamAppend;
import dev.strata.domain.events.Topic;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Driven port: the live, disposable copy of each topic (Redis Streams + Pub/Sub) and its consumer groups.
 * Entries are keyed by sequence, so appending an event twice keeps one copy. Every method works inside the
 * current tenant context and throws {@link dev.strata.domain.shared.StoreUnavailableException} when the
 * stream store is unreachable.
 */
public interface EventStream {
    /**
     * Appends events in order, skipping those already present, broadcasts each new one to subscribers, and
     * trims entries below {@code keepFrom} that no consumer group still needs.
     *
     * @param relayedBefore the highest sequence relayed earlier (0 if none): lets the stream notice its own loss,
     *                      in which case it appends nothing and answers {@code streamLost}
     */
    StreamAppend append(Topic topic, long relayedBefore, List<Event> events, long keepFrom);

    /**
     * Events after {@code afterSequence} in order, at most {@code limit} — or empty when the stream does not
     * hold event {@code afterSequence + 1} (trimmed, lost, or not relayed yet). A present list may be shorter
     * than asked when the stream ends.
     */
    Optional<List<Event>> readAfter(Topic topic, long afterSequence, int limit);

    /** Live events of the topic as they are appended (best effort: a subscriber must catch up from history). */
    Subscription subscribe(Topic topic, Consumer<Event> listener);

    /** Creates the group positioned after {@code afterSequence}; false if it already exists. */
    boolean createGroup(Topic topic, GroupName group, long afterSequence);

    /**
     * Takes over events of the group idle (delivered, unacknowledged) longer than {@code minIdle}, for
     * {@code consumer}; each delivery counts.
     *
     * @throws GroupMissingException when the stream holds no such group
     */
    List<Delivery> claimIdle(Topic topic, GroupName group, ConsumerName consumer, Duration minIdle, int count);

    /**
     * Events never delivered to the group, now delivered to {@code consumer}.
     *
     * @throws GroupMissingException when the stream holds no such group
     */
    List<Delivery> readNew(Topic topic, GroupName group, ConsumerName consumer, int count);

    /** Acknowledges events of the group by sequence; returns how many were pending. */
    long ack(Topic topic, GroupName group, Collection<Long> sequences);

    /**
     * Puts an (acknowledged) event back into the group's pending list with no deliveries counted, so that the
     * next reader gets it; false when the stream no longer holds it.
     */
    boolean requeue(Topic topic, GroupName group, long sequence);

    /** The group as the stream sees it; empty when the stream holds no such group. */
    Optional<GroupState> groupState(Topic topic, GroupName group);

    /** A live subscription; closing it stops the listener. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    /** The stream holds no such consumer group (never created there, or Redis lost it). */
    final class GroupMissingException extends RuntimeException {
        public GroupMissingException(String message) {
            super(message, null, false, false);
        }
    }
}

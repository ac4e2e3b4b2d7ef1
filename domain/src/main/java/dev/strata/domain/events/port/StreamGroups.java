package dev.strata.domain.events.port;

import dev.strata.domain.events.ConsumerName;
import dev.strata.domain.events.Delivery;
import dev.strata.domain.events.GroupName;
import dev.strata.domain.events.GroupState;
import dev.strata.domain.events.Topic;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Driven port: the consumer groups as the live stream ({@link EventStream}) holds them — position, pending
 * deliveries, claims and acknowledgements; disposable like the stream (their durable definitions and dead
 * letters are {@link ConsumerGroups}). Every method works inside the current tenant context and throws
 * {@link dev.strata.domain.shared.StoreUnavailableException} when the stream store is unreachable.
 */
public interface StreamGroups {
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

    /** The stream holds no such consumer group (never created there, or Redis lost it). */
    final class GroupMissingException extends RuntimeException {
        public GroupMissingException(String message) {
            super(message, null, false, false);
        }
    }
}

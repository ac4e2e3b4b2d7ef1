package dev.strata.domain.events.port;

import dev.strata.domain.events.ConsumerGroup;
import dev.strata.domain.events.DeadLetter;
import dev.strata.domain.events.GroupName;
import dev.strata.domain.events.Topic;
import java.util.List;
import java.util.Optional;

/**
 * Driven port: the durable side of consumer groups (Postgres) — their definitions, which survive a Redis loss,
 * and their dead letters. Works inside the current tenant context.
 */
public interface ConsumerGroups {
    /** Stores the group unless one of that name exists on the topic; returns the stored one either way. */
    ConsumerGroup define(ConsumerGroup group);

    /**
     * As {@link #define(ConsumerGroup)}, but a group new to the tenant is refused with
     * {@link dev.strata.domain.shared.QuotaExceededException} while the tenant holds {@code quota.limit()} groups
     * (over all its topics), exactly across instances.
     */
    ConsumerGroup define(ConsumerGroup group, dev.strata.domain.shared.Quota quota);

    Optional<ConsumerGroup> find(Topic topic, GroupName name);

    /** Every group of the topic. */
    List<ConsumerGroup> list(Topic topic);

    /** Records a dead letter; recording the same event for the same group again keeps one. */
    void addDeadLetter(Topic topic, DeadLetter deadLetter);

    /** The group's dead letters with a sequence after {@code afterSequence}, in sequence order, at most {@code limit}. */
    List<DeadLetter> deadLetters(Topic topic, GroupName group, long afterSequence, int limit);

    /** The group's dead letters of event id {@code eventId}, if any. */
    Optional<DeadLetter> findDeadLetter(Topic topic, GroupName group, String eventId);

    /** Removes a dead letter (it was replayed); false when it was not there. */
    boolean removeDeadLetter(Topic topic, GroupName group, long sequence);

    long countDeadLetters(Topic topic, GroupName group);
}

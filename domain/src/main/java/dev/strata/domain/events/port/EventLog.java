package dev.strata.domain.events.port;

import dev.strata.domain.events.AppendResult;
import dev.strata.domain.events.Event;
import dev.strata.domain.events.IdempotencyKey;
import dev.strata.domain.events.NewEvent;
import dev.strata.domain.events.Topic;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Driven port: the durable event log (Postgres). Each topic of each tenant numbers its events 1, 2, 3...
 * without gaps or repeats, even under concurrent appends. Every method works inside the current
 * {@link dev.strata.domain.shared.TenantContext}.
 */
public interface EventLog {
    /** How long an idempotency key is remembered. */
    Duration IDEMPOTENCY_WINDOW = Duration.ofHours(24);

    /**
     * Appends the event at the topic's next sequence. With an idempotency key already used on this topic
     * within {@link #IDEMPOTENCY_WINDOW}, appends nothing and returns the first event, {@code replayed}.
     */
    AppendResult append(Topic topic, NewEvent event, Optional<IdempotencyKey> idempotencyKey);

    /**
     * Appends several events to one topic as one unit, in list order, each exactly as {@link #append} would
     * (a key repeated within the list replays the first of them); the results are in the same order.
     */
    default List<AppendResult> appendAll(Topic topic, List<Pending> events) {
        return events.stream().map(p -> append(topic, p.event(), p.idempotencyKey())).toList();
    }

    /**
     * Appends the events (no result: their sequences may not exist yet) as part of the current unit of work:
     * they are in the log if and only if it commits, and are numbered right after it commits, in commit order,
     * so that a long unit of work never holds the topic's other appenders back. Outside a unit of work, as
     * {@link #appendAll}.
     */
    default void appendOnCommit(Topic topic, List<Pending> events) {
        appendAll(topic, events);
    }

    /** {@link #appendOnCommit(Topic, List)} of one event. */
    default void appendOnCommit(Topic topic, NewEvent event, Optional<IdempotencyKey> idempotencyKey) {
        appendOnCommit(topic, List.of(new Pending(event, idempotencyKey)));
    }

    /** Events with a sequence greater than {@code afterSequence} (0 for the start), in order, at most {@code limit}. */
    List<Event> readAfter(Topic topic, long afterSequence, int limit);

    /** The topic's events whose CloudEvents {@code id} is one of {@code ids}, in sequence order. */
    List<Event> findByIds(Topic topic, Collection<String> ids);

    /** The topic's highest sequence; 0 when it has no events. */
    long lastSequence(Topic topic);

    /**
     * Brings the topic into use for the current tenant (it then exists with no events) unless it exists: a new
     * topic is refused with {@link dev.strata.domain.shared.QuotaExceededException} while the tenant holds
     * {@code quota.limit()} topics, exactly across instances.
     */
    void registerTopic(Topic topic, dev.strata.domain.shared.Quota quota);

    /** One event of {@link #appendAll}, with its optional idempotency key. */
    record Pending(NewEvent event, Optional<IdempotencyKey> idempotencyKey) {
        public Pending {
            if (event == null || idempotencyKey == null) {
                throw new IllegalArgumentException("event and idempotencyKey must not be null");
            }
        }
    }
}

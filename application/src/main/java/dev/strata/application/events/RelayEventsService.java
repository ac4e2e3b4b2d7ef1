package dev.strata.application.events;

import dev.strata.application.events.port.RelayEventsUseCase;
import dev.strata.application.shared.BoundedMap;
import dev.strata.domain.events.ConsumerGroup;
import dev.strata.domain.events.Event;
import dev.strata.domain.events.PendingTopic;
import dev.strata.domain.events.StreamAppend;
import dev.strata.domain.events.port.ConsumerGroups;
import dev.strata.domain.events.port.EventOutbox;
import dev.strata.domain.events.port.EventStream;
import dev.strata.domain.events.port.StreamGroups;
import dev.strata.domain.shared.Clock;
import dev.strata.domain.shared.TenantContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Service implementing {@link RelayEventsUseCase}: for each topic with pending events, under the outbox's
 * per-topic lease, appends the next batch to the live stream and marks it relayed in the same transaction.
 * A crash between the two repeats the append, which the stream refuses by id: each event is there once.
 * Once every {@link #STRAGGLER_SWEEP_EVERY} a round first numbers committed events that nobody numbered.
 */
public class RelayEventsService implements RelayEventsUseCase {
    private static final int TOPICS_PER_ROUND = 200;
    private static final Duration PURGE_EVERY = Duration.ofHours(1);
    /**
     * How often a round first numbers events nobody numbered. Appenders number their own events right after their
     * commit, so this only catches an appender that stopped in between: it waits at most this long, and a busy relay
     * (rounds back to back) does not race every appender for its numbering.
     */
    static final Duration STRAGGLER_SWEEP_EVERY = Duration.ofSeconds(1);

    private final EventOutbox outbox;
    private final EventStream stream;
    private final StreamGroups streamGroups;
    private final ConsumerGroups groups;
    private final EventsPolicy policy;
    private final Clock clock;
    /** A throttle, bounded: forgetting a topic costs one early purge, never correctness. */
    private final BoundedMap<PendingTopic, Instant> purgedAt = new BoundedMap<>(100_000);
    /** When the last straggler sweep began ({@link System#nanoTime}); the first round always sweeps. */
    private final AtomicLong lastSweepNanos = new AtomicLong(System.nanoTime() - STRAGGLER_SWEEP_EVERY.toNanos());

    public RelayEventsService(EventOutbox outbox, EventStream stream, StreamGroups streamGroups, ConsumerGroups groups,
                              EventsPolicy policy, Clock clock) {
        this.outbox = outbox;
        this.stream = stream;
        this.streamGroups = streamGroups;
        this.groups = groups;
        this.policy = policy;
        this.clock = clock;
    }

    @Override
    public int relayPending() {
        long last = lastSweepNanos.get();
        long now = System.nanoTime();
        if (now - last >= STRAGGLER_SWEEP_EVERY.toNanos() && lastSweepNanos.compareAndSet(last, now)) {
            outbox.numberStragglers(TOPICS_PER_ROUND);
        }
        List<PendingTopic> pending = new ArrayList<>(outbox.pendingTopics(TOPICS_PER_ROUND));
        // instances start at different topics, so that they share the work instead of queueing on one lease
        Collections.shuffle(pending);
        int moved = 0;
        for (PendingTopic topic : pending) {
            moved += TenantContext.callAs(topic.tenant(), () -> relay(topic));
        }
        return moved;
    }

    private int relay(PendingTopic pending) {
        int moved = 0;
        while (true) {
            int[] batch = {0};
            boolean held = outbox.relay(pending.topic(), policy.relayBatch(), (before, events) -> {
                batch[0] = events.size();
                return events.isEmpty() ? before : append(pending, before, events);
            });
            moved += batch[0];
            if (!held || batch[0] < policy.relayBatch()) {
                break;
            }
        }
        purgeNowAndThen(pending);
        return moved;
    }

    private long append(PendingTopic pending, long before, List<Event> events) {
        long last = events.get(events.size() - 1).sequence();
        long keepFrom = Math.max(1, last - policy.streamMaxLength() + 1);
        StreamAppend appended = stream.append(pending.topic(), before, events, keepFrom);
        if (!appended.streamLost()) {
            return last;
        }
        // Redis lost the stream: without groups, history comes from the log and the stream simply restarts here;
        // with groups, rebuild it from where the earliest group starts and re-create the groups there
        List<ConsumerGroup> defined = groups.list(pending.topic());
        if (defined.isEmpty()) {
            stream.append(pending.topic(), 0, events, keepFrom);
            return last;
        }
        long floor = defined.stream().mapToLong(ConsumerGroup::startAfter).min().orElse(0);
        for (ConsumerGroup group : defined) {
            streamGroups.createGroup(pending.topic(), group.name(), group.startAfter());
        }
        return Math.min(floor, before);
    }

    private void purgeNowAndThen(PendingTopic pending) {
        Instant now = clock.now();
        Instant last = purgedAt.get(pending);
        if (last == null || last.plus(PURGE_EVERY).isBefore(now)) {
            purgedAt.put(pending, now);
            outbox.purge(pending.topic(), now.minus(policy.retention()));
        }
    }
}

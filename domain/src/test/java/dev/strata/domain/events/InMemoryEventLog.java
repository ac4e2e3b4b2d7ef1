package dev.strata.domain.events;

import dev.strata.domain.events.port.EventLog;
import dev.strata.domain.shared.Clock;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * In-memory fake of {@link EventLog}: per-tenant topics numbered from 1; idempotency keys remembered per
 * topic for {@link EventLog#IDEMPOTENCY_WINDOW}, measured on an injectable clock. Thread-safe. Its
 * {@link InMemoryEventOutbox} reads and purges the same events.
 */
public final class InMemoryEventLog implements EventLog {
    private record Remembered(Event event, Instant until) {
    }

    private static final class TopicLog {
        final NavigableMap<Long, Event> events = new TreeMap<>();
        final Map<IdempotencyKey, Remembered> keys = new HashMap<>();
        long last;
    }

    private final Clock clock;
    private final Map<TenantId, Map<Topic, TopicLog>> byTenant = new HashMap<>();

    public InMemoryEventLog() {
        this(Clock.system());
    }

    public InMemoryEventLog(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized AppendResult append(Topic topic, NewEvent event, Optional<IdempotencyKey> idempotencyKey) {
        TopicLog log = partition().computeIfAbsent(topic, t -> new TopicLog());
        Instant now = clock.now();
        if (idempotencyKey.isPresent()) {
            Remembered remembered = log.keys.get(idempotencyKey.get());
            // a key whose event was purged is forgotten with it
            if (remembered != null && now.isBefore(remembered.until())
                    && log.events.containsKey(remembered.event().sequence())) {
                return new AppendResult(remembered.event(), true);
            }
        }
        Event appended = event.at(topic, ++log.last);
        log.events.put(appended.sequence(), appended);
        idempotencyKey.ifPresent(key -> log.keys.put(key, new Remembered(appended, now.plus(IDEMPOTENCY_WINDOW))));
        return new AppendResult(appended, false);
    }

    @Override
    public synchronized List<Event> readAfter(Topic topic, long afterSequence, int limit) {
        if (afterSequence < 0 || limit < 1) {
            throw new IllegalArgumentException("afterSequence must be >= 0 and limit >= 1");
        }
        return eventsAfter(TenantContext.require(), topic, afterSequence, limit);
    }

    @Override
    public synchronized List<Event> findByIds(Topic topic, java.util.Collection<String> ids) {
        TopicLog log = partition().get(topic);
        return log == null ? List.of() : log.events.values().stream().filter(e -> ids.contains(e.id())).toList();
    }

    @Override
    public synchronized long lastSequence(Topic topic) {
        TopicLog log = partition().get(topic);
        return log == null ? 0 : log.last;
    }

    @Override
    public synchronized void registerTopic(Topic topic, dev.strata.domain.shared.Quota quota) {
        Map<Topic, TopicLog> topics = partition();
        if (!topics.containsKey(topic)) {
            quota.check(topics.size());
            topics.put(topic, new TopicLog());
        }
    }

    /** The tenant's events of the topic after {@code afterSequence}, in order, at most {@code limit}. */
    synchronized List<Event> eventsAfter(TenantId tenant, Topic topic, long afterSequence, int limit) {
        TopicLog log = byTenant.getOrDefault(tenant, Map.of()).get(topic);
        if (log == null) {
            return List.of();
        }
        return log.events.tailMap(afterSequence, false).values().stream().limit(limit).toList();
    }

    /** The tenant's last sequence of every topic it has used. */
    synchronized Map<TenantId, Map<Topic, Long>> lastSequences() {
        Map<TenantId, Map<Topic, Long>> last = new HashMap<>();
        byTenant.forEach((tenant, topics) -> topics.forEach((topic, log) ->
                last.computeIfAbsent(tenant, t -> new HashMap<>()).put(topic, log.last)));
        return last;
    }

    /** Deletes the events up to {@code upTo} older than {@code cutoff} and the expired keys; returns events deleted. */
    synchronized int purge(TenantId tenant, Topic topic, long upTo, Instant cutoff) {
        TopicLog log = byTenant.getOrDefault(tenant, Map.of()).get(topic);
        if (log == null) {
            return 0;
        }
        Instant now = clock.now();
        log.keys.values().removeIf(remembered -> !now.isBefore(remembered.until()));
        List<Long> old = new ArrayList<>();
        log.events.headMap(upTo, true).forEach((sequence, event) -> {
            if (event.time().isBefore(cutoff)) {
                old.add(sequence);
            }
        });
        old.forEach(log.events::remove);
        return old.size();
    }

    private Map<Topic, TopicLog> partition() {
        return byTenant.computeIfAbsent(TenantContext.require(), tenant -> new HashMap<>());
    }
}

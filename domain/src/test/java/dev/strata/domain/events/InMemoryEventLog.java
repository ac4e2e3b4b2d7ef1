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
import java.util.Optional;

/**
 * In-memory fake of {@link EventLog}: per-tenant topics numbered from 1; idempotency keys remembered per
 * topic for {@link EventLog#IDEMPOTENCY_WINDOW}, measured on an injectable clock. Thread-safe.
 */
public final class InMemoryEventLog implements EventLog {
    private record Remembered(Event event, Instant until) {
    }

    private static final class TopicLog {
        final List<Event> events = new ArrayList<>();
        final Map<IdempotencyKey, Remembered> keys = new HashMap<>();
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
            if (remembered != null && now.isBefore(remembered.until())) {
                return new AppendResult(remembered.event(), true);
            }
        }
        Event appended = event.at(topic, log.events.size() + 1L);
        log.events.add(appended);
        idempotencyKey.ifPresent(key -> log.keys.put(key, new Remembered(appended, now.plus(IDEMPOTENCY_WINDOW))));
        return new AppendResult(appended, false);
    }

    @Override
    public synchronized List<Event> readAfter(Topic topic, long afterSequence, int limit) {
        if (afterSequence < 0 || limit < 1) {
            throw new IllegalArgumentException("afterSequence must be >= 0 and limit >= 1");
        }
        TopicLog log = partition().get(topic);
        if (log == null || afterSequence >= log.events.size()) {
            return List.of();
        }
        int from = (int) afterSequence;
        return List.copyOf(log.events.subList(from, (int) Math.min(log.events.size(), from + (long) limit)));
    }

    @Override
    public synchronized List<Event> findByIds(Topic topic, java.util.Collection<String> ids) {
        TopicLog log = partition().get(topic);
        return log == null ? List.of() : log.events.stream().filter(e -> ids.contains(e.id())).toList();
    }

    @Override
    public synchronized long lastSequence(Topic topic) {
        TopicLog log = partition().get(topic);
        return log == null ? 0 : log.events.size();
    }

    @Override
    public synchronized void registerTopic(Topic topic, dev.strata.domain.shared.Quota quota) {
        Map<Topic, TopicLog> topics = partition();
        if (!topics.containsKey(topic)) {
            quota.check(topics.size());
            topics.put(topic, new TopicLog());
        }
    }

    private Map<Topic, TopicLog> partition() {
        return byTenant.computeIfAbsent(TenantContext.require(), tenant -> new HashMap<>());
    }
}

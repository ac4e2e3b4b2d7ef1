package dev.strata.domain.events;

import dev.strata.domain.events.port.EventOutbox;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * In-memory fake of {@link EventOutbox} over an {@link InMemoryEventLog}: a topic is pending while its last
 * sequence is above its relayed one; the lease is a per-(tenant, topic) flag, and the step runs outside any
 * lock, so appends go on while a holder relays. Thread-safe.
 */
public final class InMemoryEventOutbox implements EventOutbox {
    private final InMemoryEventLog log;
    private final Map<PendingTopic, Long> relayed = new HashMap<>();
    private final Set<PendingTopic> leased = new HashSet<>();

    public InMemoryEventOutbox(InMemoryEventLog log) {
        this.log = log;
    }

    @Override
    public List<PendingTopic> pendingTopics(int limit) {
        List<PendingTopic> pending = new ArrayList<>();
        Map<TenantId, Map<Topic, Long>> last = log.lastSequences();
        synchronized (this) {
            last.forEach((tenant, topics) -> topics.forEach((topic, sequence) -> {
                PendingTopic candidate = new PendingTopic(tenant, topic);
                if (pending.size() < limit && sequence > relayed.getOrDefault(candidate, 0L)) {
                    pending.add(candidate);
                }
            }));
        }
        return pending;
    }

    @Override
    public boolean relay(Topic topic, int max, RelayStep step) {
        PendingTopic key = new PendingTopic(TenantContext.require(), topic);
        long before;
        synchronized (this) {
            if (!leased.add(key)) {
                return false;
            }
            before = relayed.getOrDefault(key, 0L);
        }
        try {
            long after = step.relay(before, log.eventsAfter(key.tenant(), topic, before, max));
            synchronized (this) {
                relayed.put(key, after);
            }
            return true;
        } finally {
            synchronized (this) {
                leased.remove(key);
            }
        }
    }

    @Override
    public synchronized void rewind(Topic topic, long afterSequence) {
        PendingTopic key = new PendingTopic(TenantContext.require(), topic);
        relayed.computeIfPresent(key, (k, sequence) -> Math.min(sequence, afterSequence));
    }

    @Override
    public int purge(Topic topic, Instant cutoff) {
        TenantId tenant = TenantContext.require();
        long upTo;
        synchronized (this) {
            upTo = relayed.getOrDefault(new PendingTopic(tenant, topic), 0L);
        }
        return log.purge(tenant, topic, upTo, cutoff);
    }
}

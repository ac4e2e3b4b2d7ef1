package dev.strata.domain.events;

import dev.strata.domain.events.port.ConsumerGroups;
import dev.strata.domain.shared.Quota;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/** In-memory fake of {@link ConsumerGroups}: per-tenant groups by topic and name, dead letters by sequence. Thread-safe. */
public final class InMemoryConsumerGroups implements ConsumerGroups {
    private record GroupKey(Topic topic, GroupName name) {
    }

    private static final Comparator<GroupKey> BY_TOPIC_AND_NAME =
            Comparator.comparing((GroupKey key) -> key.topic().value()).thenComparing(key -> key.name().value());

    private final Map<TenantId, NavigableMap<GroupKey, ConsumerGroup>> groups = new HashMap<>();
    private final Map<TenantId, Map<GroupKey, NavigableMap<Long, DeadLetter>>> deadLetters = new HashMap<>();

    @Override
    public ConsumerGroup define(ConsumerGroup group) {
        return define(group, null);
    }

    @Override
    public synchronized ConsumerGroup define(ConsumerGroup group, Quota quota) {
        NavigableMap<GroupKey, ConsumerGroup> tenantGroups = groups();
        GroupKey key = new GroupKey(group.topic(), group.name());
        ConsumerGroup existing = tenantGroups.get(key);
        if (existing != null) {
            return existing;
        }
        if (quota != null) {
            quota.check(tenantGroups.size());
        }
        tenantGroups.put(key, group);
        return group;
    }

    @Override
    public synchronized Optional<ConsumerGroup> find(Topic topic, GroupName name) {
        return Optional.ofNullable(groups().get(new GroupKey(topic, name)));
    }

    @Override
    public synchronized List<ConsumerGroup> list(Topic topic) {
        return groups().values().stream().filter(group -> group.topic().equals(topic)).toList();
    }

    @Override
    public synchronized void addDeadLetter(Topic topic, DeadLetter deadLetter) {
        letters(topic, deadLetter.group()).putIfAbsent(deadLetter.event().sequence(), deadLetter);
    }

    @Override
    public synchronized List<DeadLetter> deadLetters(Topic topic, GroupName group, long afterSequence, int limit) {
        return letters(topic, group).tailMap(afterSequence, false).values().stream().limit(limit).toList();
    }

    @Override
    public synchronized Optional<DeadLetter> findDeadLetter(Topic topic, GroupName group, String eventId) {
        return letters(topic, group).values().stream().filter(letter -> letter.event().id().equals(eventId)).findFirst();
    }

    @Override
    public synchronized boolean removeDeadLetter(Topic topic, GroupName group, long sequence) {
        return letters(topic, group).remove(sequence) != null;
    }

    @Override
    public synchronized long countDeadLetters(Topic topic, GroupName group) {
        return letters(topic, group).size();
    }

    private NavigableMap<GroupKey, ConsumerGroup> groups() {
        return groups.computeIfAbsent(TenantContext.require(), tenant -> new TreeMap<>(BY_TOPIC_AND_NAME));
    }

    private NavigableMap<Long, DeadLetter> letters(Topic topic, GroupName group) {
        return deadLetters.computeIfAbsent(TenantContext.require(), tenant -> new HashMap<>())
                .computeIfAbsent(new GroupKey(topic, group), key -> new TreeMap<>());
    }
}

package dev.strata.adapters.redis.events;

import dev.strata.adapters.redis.shared.RedisConnector;
import dev.strata.domain.events.ConsumerName;
import dev.strata.domain.events.Delivery;
import dev.strata.domain.events.GroupName;
import dev.strata.domain.events.GroupState;
import dev.strata.domain.events.Topic;
import dev.strata.domain.events.port.StreamGroups;
import io.lettuce.core.Consumer;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XClaimArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.models.stream.ClaimedMessages;
import io.lettuce.core.models.stream.PendingMessage;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Redis adapter for {@link StreamGroups}: the consumer groups of the Redis Stream that {@link RedisEventStream}
 * appends to — XGROUP CREATE, XREADGROUP, XAUTOCLAIM, XACK, XCLAIM (requeue) and XINFO. A missing group
 * (NOGROUP: never created there, or Redis lost it) surfaces as {@link StreamGroups.GroupMissingException}.
 */
@Singleton
public class RedisStreamGroups implements StreamGroups {
    private static final int OLDEST_PENDING_SAMPLE = 16;
    private final RedisConnector redis;

    public RedisStreamGroups(RedisConnector redis) {
        this.redis = redis;
    }

    @Override
    public boolean createGroup(Topic topic, GroupName group, long afterSequence) {
        String stream = EventKeys.stream(topic);
        return redis.call(commands -> {
            try {
                commands.xgroupCreate(XReadArgs.StreamOffset.from(stream, EventKeys.entryId(afterSequence)),
                        group.value(), XGroupCreateArgs.Builder.mkstream());
                return true;
            } catch (RedisCommandExecutionException e) {
                if (e.getMessage() != null && e.getMessage().startsWith("BUSYGROUP")) {
                    return false;
                }
                throw e;
            }
        });
    }

    @Override
    public List<Delivery> claimIdle(Topic topic, GroupName group, ConsumerName consumer, Duration minIdle, int count) {
        String stream = EventKeys.stream(topic);
        return redis.call(commands -> groupCommand(() -> {
            ClaimedMessages<String, String> claimed = commands.xautoclaim(stream, XAutoClaimArgs.Builder
                    .xautoclaim(Consumer.from(group.value(), consumer.value()), minIdle, "0-0").count(count));
            List<StreamMessage<String, String>> messages = claimed.getMessages().stream()
                    .filter(m -> m.getBody() != null && m.getBody().containsKey(EventCodec.ENTRY_FIELD)).toList();
            if (messages.isEmpty()) {
                return List.<Delivery>of();
            }
            Map<String, Long> counts = commands.xpending(stream, Consumer.from(group.value(), consumer.value()),
                            Range.create(messages.get(0).getId(), messages.get(messages.size() - 1).getId()),
                            Limit.from(Math.max(count, messages.size()) * 2L))
                    .stream().collect(Collectors.toMap(PendingMessage::getId, PendingMessage::getRedeliveryCount, (a, b) -> a));
            return messages.stream()
                    .map(m -> new Delivery(EventCodec.decode(topic, m), Math.max(1, counts.getOrDefault(m.getId(), 1L))))
                    .toList();
        }));
    }

    @Override
    public List<Delivery> readNew(Topic topic, GroupName group, ConsumerName consumer, int count) {
        String stream = EventKeys.stream(topic);
        return redis.call(commands -> groupCommand(() -> commands.xreadgroup(
                        Consumer.from(group.value(), consumer.value()), XReadArgs.Builder.count(count),
                        XReadArgs.StreamOffset.lastConsumed(stream))
                .stream().map(m -> new Delivery(EventCodec.decode(topic, m), 1)).toList()));
    }

    private static <T> T groupCommand(java.util.function.Supplier<T> command) {
        try {
            return command.get();
        } catch (RedisCommandExecutionException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("NOGROUP")) {
                throw new GroupMissingException("no such consumer group in the stream");
            }
            throw e;
        }
    }

    @Override
    public long ack(Topic topic, GroupName group, Collection<Long> sequences) {
        if (sequences.isEmpty()) {
            return 0;
        }
        String stream = EventKeys.stream(topic);
        String[] ids = sequences.stream().map(EventKeys::entryId).toArray(String[]::new);
        return redis.call(commands -> commands.xack(stream, group.value(), ids));
    }

    @Override
    public boolean requeue(Topic topic, GroupName group, long sequence) {
        String stream = EventKeys.stream(topic);
        // FORCE puts an acknowledged entry back into the pending list; RETRYCOUNT 0 restarts its count and a
        // long IDLE makes the next reader's XAUTOCLAIM take it at once
        return redis.call(commands -> groupCommand(() -> !commands.xclaim(stream,
                Consumer.from(group.value(), EventKeys.REPLAY_CONSUMER),
                XClaimArgs.Builder.minIdleTime(0).force().retryCount(0).idle(Duration.ofDays(3650)),
                EventKeys.entryId(sequence)).isEmpty()));
    }

    @Override
    public Optional<GroupState> groupState(Topic topic, GroupName group) {
        String stream = EventKeys.stream(topic);
        return redis.call(commands -> {
            List<Object> groups;
            try {
                groups = commands.xinfoGroups(stream);
            } catch (RedisCommandExecutionException e) {
                return Optional.<GroupState>empty();
            }
            for (Object entry : groups) {
                Map<String, Object> fields = pairs(entry);
                if (group.value().equals(fields.get("name"))) {
                    long consumers = commands.xinfoConsumers(stream, group.value()).stream()
                            .map(RedisStreamGroups::pairs)
                            .filter(c -> !EventKeys.REPLAY_CONSUMER.equals(c.get("name")))
                            .count();
                    long pending = ((Number) fields.get("pending")).longValue();
                    return Optional.of(new GroupState(EventKeys.sequenceOf(String.valueOf(fields.get("last-delivered-id"))),
                            pending, consumers, pending == 0 ? null : oldestPendingMillis(commands, stream, group)));
                }
            }
            return Optional.<GroupState>empty();
        });
    }

    /**
     * How long the oldest unacknowledged deliveries have waited since they were last delivered: the longest idle time
     * among the first {@value #OLDEST_PENDING_SAMPLE} pending entries (oldest first). Entries parked for the replay
     * consumer are not a consumer's delivery and are left out; null when only those are pending.
     */
    private static Long oldestPendingMillis(RedisCommands<String, String> commands, String stream,
                                            GroupName group) {
        return commands.xpending(stream, group.value(), Range.create("-", "+"), Limit.from(OLDEST_PENDING_SAMPLE)).stream()
                .filter(p -> !EventKeys.REPLAY_CONSUMER.equals(p.getConsumer()))
                .map(PendingMessage::getMsSinceLastDelivery)
                .max(Long::compare)
                .orElse(null);
    }

    private static Map<String, Object> pairs(Object entry) {
        List<?> flat = (List<?>) entry;
        Map<String, Object> map = new java.util.HashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            map.put(String.valueOf(flat.get(i)), flat.get(i + 1));
        }
        return map;
    }
}

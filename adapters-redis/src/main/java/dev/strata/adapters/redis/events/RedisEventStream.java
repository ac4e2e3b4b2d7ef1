package dev.strata.adapters.redis.events;

import dev.strata.adapters.redis.shared.RedisConnector;
import dev.strata.domain.events.ConsumerName;
import dev.strata.domain.events.Delivery;
import dev.strata.domain.events.Event;
import dev.strata.domain.events.GroupName;
import dev.strata.domain.events.GroupState;
import dev.strata.domain.events.StreamAppend;
import dev.strata.domain.events.Topic;
import dev.strata.domain.events.port.EventStream;
import dev.strata.domain.shared.StoreUnavailableException;
import io.lettuce.core.Consumer;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XClaimArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.models.stream.ClaimedMessages;
import io.lettuce.core.models.stream.PendingMessage;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Redis adapter for {@link EventStream}: a Redis Stream per tenant and topic whose entry ids are
 * {@code <sequence>-0}. Appends run as one Lua script that XADDs each event with its explicit id — Redis
 * refuses an id not above the stream's top, so a relay that repeats itself after a crash adds nothing twice
 * — PUBLISHes each new one and trims below what every group still needs. One Pub/Sub connection per
 * instance fans live events out to local subscribers.
 */
@Singleton
public class RedisEventStream implements EventStream, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RedisEventStream.class);
    private static final String FIELD = "e";

    /*
     * KEYS[1] stream; ARGV[1] highest sequence relayed before; ARGV[2] trim floor (keep ids >= it unless a
     * group needs less); ARGV[3] channel; then pairs of (entry id, encoded event).
     */
    private static final String APPEND = """
            local stream = KEYS[1]
            if tonumber(ARGV[1]) > 0 and redis.call('EXISTS', stream) == 0 then return {0, 1} end
            local appended = 0
            for i = 4, #ARGV, 2 do
              local ok = redis.pcall('XADD', stream, ARGV[i], 'e', ARGV[i + 1])
              if type(ok) == 'table' and ok.err then
                if not string.find(ok.err, 'equal or smaller', 1, true) then return redis.error_reply(ok.err) end
              else
                appended = appended + 1
                redis.call('PUBLISH', ARGV[3], ARGV[i + 1])
              end
            end
            local floor = tonumber(ARGV[2])
            if floor > 1 and redis.call('EXISTS', stream) == 1 then
              local groups = redis.call('XINFO', 'GROUPS', stream)
              for _, g in ipairs(groups) do
                local name, last
                for j = 1, #g, 2 do
                  if g[j] == 'name' then name = g[j + 1] elseif g[j] == 'last-delivered-id' then last = g[j + 1] end
                end
                local need = tonumber(string.match(last, '^(%d+)')) + 1
                local p = redis.call('XPENDING', stream, name)
                if p[1] > 0 then
                  local low = tonumber(string.match(p[2], '^(%d+)'))
                  if low < need then need = low end
                end
                if need < floor then floor = need end
              end
              if floor > 1 then redis.call('XTRIM', stream, 'MINID', '~', floor .. '-0') end
            end
            return {appended, 0}
            """;
    private static final String APPEND_SHA = sha1(APPEND);

    private final RedisConnector connector;
    private final Map<String, Set<java.util.function.Consumer<String>>> listeners = new ConcurrentHashMap<>();
    private final ScheduledExecutorService keeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "strata-events-pubsub");
        thread.setDaemon(true);
        return thread;
    });
    private volatile StatefulRedisPubSubConnection<String, String> pubSub;

    public RedisEventStream(RedisConnector connector) {
        this.connector = connector;
        // (re)connects the Pub/Sub connection while someone listens: Redis may be down when they start
        keeper.scheduleWithFixedDelay(this::ensurePubSub, 1, 1, TimeUnit.SECONDS);
    }

    @Override
    public StreamAppend append(Topic topic, long relayedBefore, List<Event> events, long keepFrom) {
        String stream = EventKeys.stream(topic);
        List<String> args = new ArrayList<>(3 + 2 * events.size());
        args.add(Long.toString(relayedBefore));
        args.add(Long.toString(keepFrom));
        args.add(EventKeys.channel(topic));
        for (Event event : events) {
            args.add(EventKeys.entryId(event.sequence()));
            args.add(EventCodec.encode(event));
        }
        List<Object> result = connector.call(commands -> script(commands, stream, args.toArray(String[]::new)));
        return new StreamAppend(((Long) result.get(0)).intValue(), ((Long) result.get(1)) == 1L);
    }

    private static List<Object> script(RedisCommands<String, String> commands, String key, String[] args) {
        try {
            return commands.evalsha(APPEND_SHA, ScriptOutputType.MULTI, new String[] {key}, args);
        } catch (RedisNoScriptException e) {
            return commands.eval(APPEND, ScriptOutputType.MULTI, new String[] {key}, args);
        }
    }

    @Override
    public Optional<List<Event>> readAfter(Topic topic, long afterSequence, int limit) {
        String stream = EventKeys.stream(topic);
        List<StreamMessage<String, String>> messages = connector.call(commands -> commands.xrange(stream,
                Range.create(EventKeys.entryId(afterSequence + 1), "+"), Limit.from(limit)));
        if (messages.isEmpty() || EventKeys.sequenceOf(messages.get(0).getId()) != afterSequence + 1) {
            return Optional.empty();
        }
        return Optional.of(messages.stream().map(m -> decode(topic, m)).toList());
    }

    private static Event decode(Topic topic, StreamMessage<String, String> message) {
        return EventCodec.decode(topic, message.getBody().get(FIELD));
    }

    @Override
    public Subscription subscribe(Topic topic, java.util.function.Consumer<Event> listener) {
        String channel = EventKeys.channel(topic);
        java.util.function.Consumer<String> decoding = message -> {
            try {
                listener.accept(EventCodec.decode(topic, message));
            } catch (RuntimeException e) {
                LOG.warn("dropping an undecodable live event ({})", e.getClass().getSimpleName());
            }
        };
        listeners.compute(channel, (key, existing) -> {
            Set<java.util.function.Consumer<String>> set = existing == null ? new CopyOnWriteArraySet<>() : existing;
            set.add(decoding);
            return set;
        });
        subscribeChannel(channel);
        return () -> {
            boolean[] last = {false};
            listeners.computeIfPresent(channel, (key, set) -> {
                set.remove(decoding);
                last[0] = set.isEmpty();
                return set.isEmpty() ? null : set;
            });
            if (last[0]) {
                StatefulRedisPubSubConnection<String, String> open = pubSub;
                if (open != null && open.isOpen()) {
                    open.async().unsubscribe(channel);
                }
            }
        };
    }

    private void subscribeChannel(String channel) {
        StatefulRedisPubSubConnection<String, String> open = pubSub;
        if (open != null && open.isOpen()) {
            open.async().subscribe(channel);
        } else {
            keeper.execute(this::ensurePubSub);
        }
    }

    private synchronized void ensurePubSub() {
        if (listeners.isEmpty() || (pubSub != null && pubSub.isOpen())) {
            return;
        }
        try {
            StatefulRedisPubSubConnection<String, String> connection = connector.connectPubSub();
            connection.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    Set<java.util.function.Consumer<String>> set = listeners.get(channel);
                    if (set != null) {
                        set.forEach(l -> l.accept(message));
                    }
                }
            });
            pubSub = connection;
            if (!listeners.isEmpty()) {
                connection.async().subscribe(listeners.keySet().toArray(String[]::new));
            }
        } catch (StoreUnavailableException | io.lettuce.core.RedisException e) {
            LOG.debug("pub/sub connection not available yet");
        }
    }

    @Override
    public boolean createGroup(Topic topic, GroupName group, long afterSequence) {
        String stream = EventKeys.stream(topic);
        return connector.call(commands -> {
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
        return connector.call(commands -> groupCommand(() -> {
            ClaimedMessages<String, String> claimed = commands.xautoclaim(stream, XAutoClaimArgs.Builder
                    .xautoclaim(Consumer.from(group.value(), consumer.value()), minIdle, "0-0").count(count));
            List<StreamMessage<String, String>> messages = claimed.getMessages().stream()
                    .filter(m -> m.getBody() != null && m.getBody().containsKey(FIELD)).toList();
            if (messages.isEmpty()) {
                return List.<Delivery>of();
            }
            Map<String, Long> counts = commands.xpending(stream, Consumer.from(group.value(), consumer.value()),
                            Range.create(messages.get(0).getId(), messages.get(messages.size() - 1).getId()),
                            Limit.from(Math.max(count, messages.size()) * 2L))
                    .stream().collect(Collectors.toMap(PendingMessage::getId, PendingMessage::getRedeliveryCount, (a, b) -> a));
            return messages.stream()
                    .map(m -> new Delivery(decode(topic, m), Math.max(1, counts.getOrDefault(m.getId(), 1L))))
                    .toList();
        }));
    }

    @Override
    public List<Delivery> readNew(Topic topic, GroupName group, ConsumerName consumer, int count) {
        String stream = EventKeys.stream(topic);
        return connector.call(commands -> groupCommand(() -> commands.xreadgroup(
                        Consumer.from(group.value(), consumer.value()), XReadArgs.Builder.count(count),
                        XReadArgs.StreamOffset.lastConsumed(stream))
                .stream().map(m -> new Delivery(decode(topic, m), 1)).toList()));
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
        return connector.call(commands -> commands.xack(stream, group.value(), ids));
    }

    @Override
    public boolean requeue(Topic topic, GroupName group, long sequence) {
        String stream = EventKeys.stream(topic);
        // FORCE puts an acknowledged entry back into the pending list; RETRYCOUNT 0 restarts its count and a
        // long IDLE makes the next reader's XAUTOCLAIM take it at once
        return connector.call(commands -> groupCommand(() -> !commands.xclaim(stream,
                Consumer.from(group.value(), EventKeys.REPLAY_CONSUMER),
                XClaimArgs.Builder.minIdleTime(0).force().retryCount(0).idle(Duration.ofDays(3650)),
                EventKeys.entryId(sequence)).isEmpty()));
    }

    @Override
    public Optional<GroupState> groupState(Topic topic, GroupName group) {
        String stream = EventKeys.stream(topic);
        return connector.call(commands -> {
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
                            .map(RedisEventStream::pairs)
                            .filter(c -> !EventKeys.REPLAY_CONSUMER.equals(c.get("name")))
                            .count();
                    return Optional.of(new GroupState(EventKeys.sequenceOf(String.valueOf(fields.get("last-delivered-id"))),
                            ((Number) fields.get("pending")).longValue(), consumers));
                }
            }
            return Optional.<GroupState>empty();
        });
    }

    private static Map<String, Object> pairs(Object entry) {
        List<?> flat = (List<?>) entry;
        Map<String, Object> map = new java.util.HashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            map.put(String.valueOf(flat.get(i)), flat.get(i + 1));
        }
        return map;
    }

    private static String sha1(String script) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(script.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    @PreDestroy
    public void close() {
        keeper.shutdownNow();
        StatefulRedisPubSubConnection<String, String> open = pubSub;
        if (open != null) {
            open.close();
        }
    }

}

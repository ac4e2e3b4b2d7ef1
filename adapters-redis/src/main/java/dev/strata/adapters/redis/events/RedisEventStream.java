package dev.strata.adapters.redis.events;

import dev.strata.adapters.redis.shared.LuaScript;
import dev.strata.adapters.redis.shared.RedisConnector;
import dev.strata.domain.events.Event;
import dev.strata.domain.events.StreamAppend;
import dev.strata.domain.events.Topic;
import dev.strata.domain.events.port.EventStream;
import dev.strata.domain.shared.StoreUnavailableException;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Redis adapter for {@link EventStream}: a Redis Stream per tenant and topic whose entry ids are
 * {@code <sequence>-0}. Appends run as one Lua script that XADDs each event with its explicit id — Redis
 * refuses an id not above the stream's top, so a relay that repeats itself after a crash adds nothing twice
 * — PUBLISHes each new one and trims below what every group still needs. One Pub/Sub connection per
 * instance fans live events out to local subscribers. The groups reading the stream are
 * {@link RedisStreamGroups}.
 */
@Singleton
public class RedisEventStream implements EventStream, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RedisEventStream.class);

    /*
     * KEYS[1] stream; ARGV[1] highest sequence relayed before; ARGV[2] trim floor (keep ids >= it unless a
     * group needs less); ARGV[3] channel; then pairs of (entry id, encoded event).
     */
    private static final LuaScript APPEND = LuaScript.of("""
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
            """);

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
        List<Object> result = connector.evalScript(APPEND, ScriptOutputType.MULTI, new String[] {stream},
                args.toArray(String[]::new));
        return new StreamAppend(((Long) result.get(0)).intValue(), ((Long) result.get(1)) == 1L);
    }

    @Override
    public Optional<List<Event>> readAfter(Topic topic, long afterSequence, int limit) {
        String stream = EventKeys.stream(topic);
        List<StreamMessage<String, String>> messages = connector.call(commands -> commands.xrange(stream,
                Range.create(EventKeys.entryId(afterSequence + 1), "+"), Limit.from(limit)));
        if (messages.isEmpty() || EventKeys.sequenceOf(messages.get(0).getId()) != afterSequence + 1) {
            return Optional.empty();
        }
        return Optional.of(messages.stream().map(m -> EventCodec.decode(topic, m)).toList());
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
    @PreDestroy
    public void close() {
        keeper.shutdownNow();
        StatefulRedisPubSubConnection<String, String> open = pubSub;
        if (open != null) {
            open.close();
        }
    }

}

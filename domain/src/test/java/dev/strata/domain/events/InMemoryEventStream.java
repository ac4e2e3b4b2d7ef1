package dev.strata.domain.events;

import dev.strata.domain.events.port.EventStream;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * In-memory fake of {@link EventStream}: one sorted map per tenant and topic, live events delivered on the
 * appending thread. It knows no consumer groups, so a trim drops every entry below the floor.
 */
public final class InMemoryEventStream implements EventStream {
    private record Key(TenantId tenant, Topic topic) {
    }

    private final Map<Key, NavigableMap<Long, Event>> streams = new HashMap<>();
    private final Map<Key, List<Consumer<Event>>> listeners = new HashMap<>();

    @Override
    public StreamAppend append(Topic topic, long relayedBefore, List<Event> events, long keepFrom) {
        Key key = new Key(TenantContext.require(), topic);
        List<Event> added = new ArrayList<>();
        List<Consumer<Event>> live;
        synchronized (this) {
            NavigableMap<Long, Event> stream = streams.get(key);
            if (relayedBefore > 0 && stream == null) {
                return new StreamAppend(0, true);
            }
            if (stream == null) {
                stream = new TreeMap<>();
                streams.put(key, stream);
            }
            for (Event event : events) {
                // as an explicit stream id: refused unless above the stream's top
                if (stream.isEmpty() || event.sequence() > stream.lastKey()) {
                    stream.put(event.sequence(), event);
                    added.add(event);
                }
            }
            if (keepFrom > 1) {
                stream.headMap(keepFrom, false).clear();
            }
            live = List.copyOf(listeners.getOrDefault(key, List.of()));
        }
        for (Event event : added) {
            live.forEach(listener -> listener.accept(event));
        }
        return new StreamAppend(added.size(), false);
    }

    @Override
    public synchronized Optional<List<Event>> readAfter(Topic topic, long afterSequence, int limit) {
        NavigableMap<Long, Event> stream = streams.get(new Key(TenantContext.require(), topic));
        if (stream == null || !stream.containsKey(afterSequence + 1)) {
            return Optional.empty();
        }
        return Optional.of(stream.tailMap(afterSequence, false).values().stream().limit(limit).toList());
    }

    @Override
    public synchronized Subscription subscribe(Topic topic, Consumer<Event> listener) {
        Key key = new Key(TenantContext.require(), topic);
        Consumer<Event> own = listener::accept;
        listeners.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(own);
        return () -> {
            synchronized (InMemoryEventStream.this) {
                List<Consumer<Event>> set = listeners.get(key);
                if (set != null) {
                    set.remove(own);
                }
            }
        };
    }
}

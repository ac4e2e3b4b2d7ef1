package dev.strata.application.events;

import dev.strata.domain.events.Event;
import dev.strata.domain.events.Topic;
import dev.strata.domain.shared.TenantId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * This instance's live feeds by topic: a publish hands its committed, numbered events straight to the feeds of
 * its own instance, without waiting for the relay or a Redis round trip. Feeds of other instances still get them
 * through the live stream, and every feed fills gaps from history, so a feed missing a hand-over loses nothing.
 */
public final class LocalFeeds {
    private record Key(TenantId tenant, Topic topic) {
    }

    private final Map<Key, Set<Consumer<Event>>> listeners = new ConcurrentHashMap<>();

    /** Calls {@code listener} with every event published on this instance to the topic until the result is run. */
    Runnable listen(TenantId tenant, Topic topic, Consumer<Event> listener) {
        Key key = new Key(tenant, topic);
        listeners.compute(key, (k, set) -> {
            Set<Consumer<Event>> next = set == null ? ConcurrentHashMap.newKeySet() : set;
            next.add(listener);
            return next;
        });
        return () -> listeners.computeIfPresent(key, (k, set) -> {
            set.remove(listener);
            return set.isEmpty() ? null : set;
        });
    }

    /** Hands committed events of the topic to this instance's feeds of it; never throws. */
    void published(TenantId tenant, Topic topic, List<Event> events) {
        Set<Consumer<Event>> feeds = listeners.get(new Key(tenant, topic));
        if (feeds == null || events.isEmpty()) {
            return;
        }
        for (Consumer<Event> feed : feeds) {
            for (Event event : events) {
                try {
                    feed.accept(event);
                } catch (RuntimeException ignored) {
                    // a feed that fails is the feed's business: it catches up from history
                }
            }
        }
    }
}

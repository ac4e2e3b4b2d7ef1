package dev.strata.domain.events.port;

import dev.strata.domain.events.Event;
import dev.strata.domain.events.StreamAppend;
import dev.strata.domain.events.Topic;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Driven port: the live, disposable copy of each topic (Redis Streams + Pub/Sub): appends, ranges and live
 * broadcast. Entries are keyed by sequence, so appending an event twice keeps one copy. The consumer groups
 * reading the stream are {@link StreamGroups}. Every method works inside the current tenant context and throws
 * {@link dev.strata.domain.shared.StoreUnavailableException} when the stream store is unreachable.
 */
public interface EventStream {
    /**
     * Appends events in order, skipping those already present, broadcasts each new one to subscribers, and
     * trims entries below {@code keepFrom} that no consumer group still needs.
     *
     * @param relayedBefore the highest sequence relayed earlier (0 if none): lets the stream notice its own loss,
     *                      in which case it appends nothing and answers {@code streamLost}
     */
    StreamAppend append(Topic topic, long relayedBefore, List<Event> events, long keepFrom);

    /**
     * Events after {@code afterSequence} in order, at most {@code limit} — or empty when the stream does not
     * hold event {@code afterSequence + 1} (trimmed, lost, or not relayed yet). A present list may be shorter
     * than asked when the stream ends.
     */
    Optional<List<Event>> readAfter(Topic topic, long afterSequence, int limit);

    /** Live events of the topic as they are appended (best effort: a subscriber must catch up from history). */
    Subscription subscribe(Topic topic, Consumer<Event> listener);

    /** A live subscription; closing it stops the listener. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}

package dev.strata.application.events;

import dev.strata.domain.events.Event;
import dev.strata.domain.events.Topic;
import dev.strata.domain.events.port.EventLog;
import dev.strata.domain.events.port.EventStream;
import dev.strata.domain.shared.StoreUnavailableException;
import java.util.ArrayList;
import java.util.List;

/** Reads a topic's events after a sequence: the live stream while it holds them, the durable log for the rest. */
final class EventHistory {
    private final EventLog log;
    private final EventStream stream;

    EventHistory(EventLog log, EventStream stream) {
        this.log = log;
        this.stream = stream;
    }

    List<Event> after(Topic topic, long after, int limit) {
        List<Event> events = new ArrayList<>(limit);
        try {
            stream.readAfter(topic, after, limit).ifPresent(events::addAll);
        } catch (StoreUnavailableException redisDown) {
            // the durable log has everything the stream has
        }
        if (events.size() < limit) {
            // the stream ends here or does not hold the range; committed but unrelayed events come from the log
            long from = events.isEmpty() ? after : events.get(events.size() - 1).sequence();
            events.addAll(log.readAfter(topic, from, limit - events.size()));
        }
        return events;
    }
}

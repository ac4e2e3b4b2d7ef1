package dev.strata.adapters.redis.events;

import dev.strata.domain.events.Event;
import dev.strata.domain.events.Topic;
import io.lettuce.core.StreamMessage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/**
 * The one-string form of an event in a stream entry and a Pub/Sub message: the attributes on lines of their
 * own (they cannot hold control characters), then the JSON data, which may span lines.
 */
final class EventCodec {
    /** The one field of a stream entry: the encoded event. */
    static final String ENTRY_FIELD = "e";

    private EventCodec() {
    }

    static String encode(Event event) {
        return event.sequence() + "\n" + event.id() + "\n" + event.source() + "\n" + event.type() + "\n"
                + event.subject().map(s -> "=" + s).orElse("") + "\n" + event.time() + "\n" + event.dataAsUtf8();
    }

    static Event decode(Topic topic, String encoded) {
        String[] parts = encoded.split("\n", 7);
        if (parts.length != 7) {
            throw new IllegalStateException("malformed event entry in the stream");
        }
        Optional<String> subject = parts[4].isEmpty() ? Optional.empty() : Optional.of(parts[4].substring(1));
        return new Event(topic, Long.parseLong(parts[0]), parts[1], parts[2], parts[3], subject,
                Instant.parse(parts[5]), parts[6].getBytes(StandardCharsets.UTF_8));
    }

    /** The event a stream entry holds. */
    static Event decode(Topic topic, StreamMessage<String, String> entry) {
        return decode(topic, entry.getBody().get(ENTRY_FIELD));
    }
}

package dev.strata.domain.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

/**
 * Value object: an event about to be appended — the CloudEvents attributes chosen by the publisher
 * ({@code id, source, type, subject?, time}) and the JSON {@code data} as raw bytes. The log assigns the sequence.
 */
public record NewEvent(String id, String source, String type, Optional<String> subject, Instant time, byte[] data) {
    public NewEvent {
        Event.checkAttributes(id, source, type, subject, time, data);
        data = data.clone();
    }

    /** An event with a random UUID id and no subject. */
    public static NewEvent of(String source, String type, Instant time, byte[] data) {
        return new NewEvent(UUID.randomUUID().toString(), source, type, Optional.empty(), time, data);
    }

    public static NewEvent ofUtf8(String source, String type, Instant time, String json) {
        return of(source, type, time, json.getBytes(StandardCharsets.UTF_8));
    }

    /** A copy of the data bytes. */
    @Override
    public byte[] data() {
        return data.clone();
    }

    /** The event as appended at {@code sequence} of {@code topic}. */
    public Event at(Topic topic, long sequence) {
        return new Event(topic, sequence, id, source, type, subject, time, data);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NewEvent that && id.equals(that.id) && source.equals(that.source)
                && type.equals(that.type) && subject.equals(that.subject) && time.equals(that.time)
                && Arrays.equals(data, that.data);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "NewEvent[id=" + id + ", type=" + type + ", " + data.length + " bytes]";
    }
}

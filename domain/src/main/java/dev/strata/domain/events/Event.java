package dev.strata.domain.events;

import dev.strata.domain.shared.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Entity: an appended event — a CloudEvents 1.0 event ({@code id, source, type, subject?, time}, JSON
 * {@code data} as raw bytes) at its place in the topic: {@code sequence} 1, 2, 3... without gaps.
 */
public record Event(Topic topic, long sequence, String id, String source, String type, Optional<String> subject,
                    Instant time, byte[] data) {
    public static final String SPEC_VERSION = "1.0";
    public static final String DATA_CONTENT_TYPE = "application/json";
    public static final int MAX_ATTRIBUTE_LENGTH = 1024;
    private static final Pattern TYPE = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_.:-]{0,255}$");

    public Event {
        if (topic == null) {
            throw new InvalidInputException("topic", "topic must not be null");
        }
        if (sequence < 1) {
            throw new InvalidInputException("sequence", "sequence must be at least 1");
        }
        checkAttributes(id, source, type, subject, time, data);
        data = data.clone();
    }

    static void checkAttributes(String id, String source, String type, Optional<String> subject, Instant time,
                                byte[] data) {
        attribute("id", id);
        attribute("source", source);
        if (type == null || !TYPE.matcher(type).matches()) {
            throw new InvalidInputException("type", "type must match ^[A-Za-z0-9][A-Za-z0-9_.:-]{0,255}$");
        }
        if (subject == null) {
            throw new InvalidInputException("subject", "subject must not be null (use Optional.empty())");
        }
        subject.ifPresent(value -> attribute("subject", value));
        if (time == null) {
            throw new InvalidInputException("time", "time must not be null");
        }
        if (data == null || data.length == 0) {
            throw new InvalidInputException("data", "data must be a non-empty JSON document");
        }
    }

    private static void attribute(String field, String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_ATTRIBUTE_LENGTH
                || value.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException(field, field + " must be 1-" + MAX_ATTRIBUTE_LENGTH + " printable characters");
        }
    }

    /** A copy of the data bytes. */
    @Override
    public byte[] data() {
        return data.clone();
    }

    public String dataAsUtf8() {
        return new String(data, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Event that && topic.equals(that.topic) && sequence == that.sequence
                && id.equals(that.id) && source.equals(that.source) && type.equals(that.type)
                && subject.equals(that.subject) && time.equals(that.time) && Arrays.equals(data, that.data);
    }

    @Override
    public int hashCode() {
        return 31 * topic.hashCode() + Long.hashCode(sequence);
    }

    @Override
    public String toString() {
        return "Event[topic=" + topic + ", sequence=" + sequence + ", id=" + id + ", type=" + type + ", "
                + data.length + " bytes]";
    }
}

package dev.strata.application.events.port;

import dev.strata.domain.events.IdempotencyKey;
import dev.strata.domain.events.Topic;
import dev.strata.domain.shared.InvalidInputException;
import java.util.Objects;
import java.util.Optional;

/** Command: publish one event ({@code type}, JSON {@code data}, optional subject) on a topic, from {@code source}. */
public record PublishEventCommand(Topic topic, String type, Optional<String> subject, byte[] data, String source,
                                  Optional<IdempotencyKey> idempotencyKey) {
    public PublishEventCommand {
        Objects.requireNonNull(topic, "topic must not be null");
        Objects.requireNonNull(subject, "subject must not be null");
        Objects.requireNonNull(source, "source must not be null");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey must not be null");
        if (data == null || data.length == 0) {
            throw new InvalidInputException("data", "data is required");
        }
        data = data.clone();
    }
}

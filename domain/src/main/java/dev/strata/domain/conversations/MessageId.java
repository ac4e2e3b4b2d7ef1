package dev.strata.domain.conversations;

import dev.strata.domain.shared.InvalidInputException;
import java.util.UUID;

/** Value object: the identity of a message (a random UUID). */
public record MessageId(UUID value) {
    public MessageId {
        if (value == null) {
            throw new InvalidInputException("messageId", "messageId must not be null");
        }
    }

    public static MessageId random() {
        return new MessageId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}

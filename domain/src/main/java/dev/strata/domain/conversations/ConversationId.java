package dev.strata.domain.conversations;

import dev.strata.domain.shared.InvalidInputException;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** Value object: the identity of a conversation (a random UUID). */
public record ConversationId(UUID value) {
    public ConversationId {
        if (value == null) {
            throw new InvalidInputException("conversationId", "conversationId must not be null");
        }
    }

    public static ConversationId random() {
        return new ConversationId(UUID.randomUUID());
    }

    /** Parses an id from a path; empty when malformed, so that callers can answer 404 as for an unknown id. */
    public static Optional<ConversationId> parse(String text) {
        try {
            return Optional.of(new ConversationId(UUID.fromString(Objects.requireNonNull(text))));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}

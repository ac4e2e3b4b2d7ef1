package dev.strata.domain.conversations;

import dev.strata.domain.shared.InvalidInputException;
import java.time.Instant;

/** Value object: a position in a user's recent-conversations list (latest activity first, ties by id). */
public record ConversationCursor(Instant lastActivityAt, ConversationId id) {
    public ConversationCursor {
        if (lastActivityAt == null || id == null) {
            throw new InvalidInputException("cursor", "cursor is not valid");
        }
    }

    /** The position just after {@code conversation}. */
    public static ConversationCursor after(Conversation conversation) {
        return new ConversationCursor(conversation.lastActivityAt(), conversation.id());
    }
}

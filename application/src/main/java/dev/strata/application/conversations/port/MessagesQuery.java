package dev.strata.application.conversations.port;

import dev.strata.domain.conversations.ConversationId;
import dev.strata.domain.shared.InvalidInputException;
import java.util.Objects;
import java.util.OptionalLong;

/** Query: a page of a conversation's messages, newest first, before sequence {@code before} when given (limit 1–100). */
public record MessagesQuery(Requester requester, ConversationId id, OptionalLong before, int limit) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 100;

    public MessagesQuery {
        Objects.requireNonNull(requester, "requester must not be null");
        Objects.requireNonNull(id, "id must not be null");
        before = before == null ? OptionalLong.empty() : before;
        if (before.isPresent() && before.getAsLong() < 1) {
            throw new InvalidInputException("before", "before must be a message sequence (1 or more)");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException("limit", "limit must be between 1 and " + MAX_LIMIT);
        }
    }
}

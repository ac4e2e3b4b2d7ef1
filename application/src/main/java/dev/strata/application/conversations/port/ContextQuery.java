package dev.strata.application.conversations.port;

import dev.strata.domain.conversations.ConversationId;
import dev.strata.domain.shared.InvalidInputException;
import java.util.Objects;

/**
 * Query: the context window of a conversation — its newest messages, oldest first, at most {@code maxMessages}
 * (1–500) whose contents add up to at most {@code maxChars} (1–10,000,000) characters.
 */
public record ContextQuery(Requester requester, ConversationId id, int maxMessages, int maxChars) {
    public static final int DEFAULT_MAX_MESSAGES = 50;
    public static final int MAX_MESSAGES = 500;
    public static final int DEFAULT_MAX_CHARS = 32_000;
    public static final int MAX_CHARS = 10_000_000;

    public ContextQuery {
        Objects.requireNonNull(requester, "requester must not be null");
        Objects.requireNonNull(id, "id must not be null");
        if (maxMessages < 1 || maxMessages > MAX_MESSAGES) {
            throw new InvalidInputException("maxMessages", "maxMessages must be between 1 and " + MAX_MESSAGES);
        }
        if (maxChars < 1 || maxChars > MAX_CHARS) {
            throw new InvalidInputException("maxChars", "maxChars must be between 1 and " + MAX_CHARS);
        }
    }
}

package dev.strata.domain.conversations;

import dev.strata.domain.shared.InvalidInputException;
import dev.strata.domain.shared.UserId;
import java.time.Instant;

/**
 * Entity: a conversation owned by one end user — its title, when it began and when it last saw activity
 * (a new message), which orders the user's recent conversations.
 */
public record Conversation(ConversationId id, UserId owner, String title, Instant createdAt, Instant lastActivityAt) {
    public static final int MAX_TITLE_LENGTH = 200;

    public Conversation {
        if (id == null) {
            throw new InvalidInputException("id", "id must not be null");
        }
        if (owner == null) {
            throw new InvalidInputException("owner", "owner must not be null");
        }
        title = validTitle(title);
        if (createdAt == null) {
            throw new InvalidInputException("createdAt", "createdAt must not be null");
        }
        if (lastActivityAt == null || lastActivityAt.isBefore(createdAt)) {
            throw new InvalidInputException("lastActivityAt", "lastActivityAt must not be before createdAt");
        }
    }

    /** A new conversation started at {@code now}. */
    public static Conversation start(ConversationId id, UserId owner, String title, Instant now) {
        return new Conversation(id, owner, title, now, now);
    }

    /** Titles are free text for people: 1–200 characters, no control characters, trimmed. */
    public static String validTitle(String title) {
        if (title == null || title.isBlank() || title.length() > MAX_TITLE_LENGTH
                || title.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException("title", "title must be 1-" + MAX_TITLE_LENGTH + " printable characters");
        }
        return title.strip();
    }

    public Conversation withTitle(String newTitle) {
        return new Conversation(id, owner, newTitle, createdAt, lastActivityAt);
    }
}

package dev.strata.application.conversations.port;

import dev.strata.domain.shared.InvalidInputException;
import dev.strata.domain.shared.UserId;

/** Query: full-text search of one user's messages (every word of {@code text}), newest first, limit 1–100. */
public record SearchMessagesQuery(UserId owner, String text, int limit) {
    public static final int MAX_TEXT_LENGTH = 500;
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    public SearchMessagesQuery {
        if (owner == null) {
            throw new InvalidInputException("userId", "userId must not be null");
        }
        if (text == null || text.isBlank() || text.length() > MAX_TEXT_LENGTH) {
            throw new InvalidInputException("q", "q must be 1-" + MAX_TEXT_LENGTH + " characters of search text");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException("limit", "limit must be between 1 and " + MAX_LIMIT);
        }
    }
}

package dev.strata.application.conversations.port;

import dev.strata.application.shared.PageRequest;
import dev.strata.domain.shared.InvalidInputException;
import dev.strata.domain.shared.UserId;

/** Query: one user's conversations, latest activity first, one page (limit 1–100). */
public record RecentConversationsQuery(UserId owner, PageRequest page) {
    public static final int MAX_LIMIT = 100;

    public RecentConversationsQuery {
        if (owner == null) {
            throw new InvalidInputException("userId", "userId must not be null");
        }
        if (page == null || page.limit() > MAX_LIMIT) {
            throw new InvalidInputException("limit", "limit must be between 1 and " + MAX_LIMIT);
        }
    }
}

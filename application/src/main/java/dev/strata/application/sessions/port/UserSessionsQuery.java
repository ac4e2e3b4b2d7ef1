package dev.strata.application.sessions.port;

import dev.strata.application.shared.PageRequest;
import dev.strata.domain.shared.UserId;
import java.util.Objects;

/** Query: a user's live sessions, a page at a time. */
public record UserSessionsQuery(UserId userId, PageRequest page) {
    public UserSessionsQuery {
        Objects.requireNonNull(userId, "userId must not be null");
        Objects.requireNonNull(page, "page must not be null");
    }
}

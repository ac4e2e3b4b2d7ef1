package dev.strata.application.sessions.port;

import dev.strata.domain.sessions.SessionId;
import dev.strata.domain.shared.UserId;
import java.util.Objects;

/** Query: is the session named by a verified end-user token still live, and is it that user's? */
public record VerifySessionQuery(SessionId sessionId, UserId userId) {
    public VerifySessionQuery {
        Objects.requireNonNull(sessionId, "sessionId must not be null");
        Objects.requireNonNull(userId, "userId must not be null");
    }
}

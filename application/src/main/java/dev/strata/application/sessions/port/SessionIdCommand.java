package dev.strata.application.sessions.port;

import dev.strata.domain.sessions.SessionId;
import java.util.Objects;

/** Command: act on one session (read it, end it). */
public record SessionIdCommand(SessionId sessionId) {
    public SessionIdCommand {
        Objects.requireNonNull(sessionId, "sessionId must not be null");
    }
}

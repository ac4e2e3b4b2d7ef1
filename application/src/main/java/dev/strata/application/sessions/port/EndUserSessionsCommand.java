package dev.strata.application.sessions.port;

import dev.strata.domain.shared.UserId;
import java.util.Objects;

/** Command: end every session of a user. */
public record EndUserSessionsCommand(UserId userId) {
    public EndUserSessionsCommand {
        Objects.requireNonNull(userId, "userId must not be null");
    }
}

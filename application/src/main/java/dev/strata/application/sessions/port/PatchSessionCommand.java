package dev.strata.application.sessions.port;

import dev.strata.domain.sessions.SessionId;
import java.util.Objects;
import java.util.function.UnaryOperator;

/** Command: change a session's data; {@code patch} maps the current JSON bytes to the new ones (a merge patch). */
public record PatchSessionCommand(SessionId sessionId, UnaryOperator<byte[]> patch) {
    public PatchSessionCommand {
        Objects.requireNonNull(sessionId, "sessionId must not be null");
        Objects.requireNonNull(patch, "patch must not be null");
    }
}

package dev.strata.application.sessions.port;

import dev.strata.domain.sessions.SessionId;
import dev.strata.domain.shared.ClientId;
import dev.strata.domain.shared.UserId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Query: the credential behind a long-lived response — a service client or an end-user session — and when its
 * token expires. Exactly one of {@code client} and {@code session} is present.
 */
public record WatchAccessQuery(Optional<VerifyAccessQuery> client, Optional<VerifySessionQuery> session,
                               Instant expiresAt) {
    public WatchAccessQuery {
        Objects.requireNonNull(client, "client must not be null");
        Objects.requireNonNull(session, "session must not be null");
        Objects.requireNonNull(expiresAt, "expiresAt must not be null");
        if (client.isPresent() == session.isPresent()) {
            throw new IllegalArgumentException("exactly one of client and session must be given");
        }
    }

    /** A service client's token, valid until {@code expiresAt}. */
    public static WatchAccessQuery client(ClientId clientId, Instant expiresAt) {
        return new WatchAccessQuery(Optional.of(new VerifyAccessQuery(clientId)), Optional.empty(), expiresAt);
    }

    /** An end-user token of {@code sessionId}, valid until {@code expiresAt}. */
    public static WatchAccessQuery session(SessionId sessionId, UserId userId, Instant expiresAt) {
        return new WatchAccessQuery(Optional.empty(), Optional.of(new VerifySessionQuery(sessionId, userId)), expiresAt);
    }
}

package dev.strata.domain.sessions;

import dev.strata.domain.shared.UserId;

/** Value: the outcome of presenting a refresh token. */
public sealed interface RefreshRotation {
    /** The token was live and is now spent; its successor is stored. */
    record Rotated(SessionId sessionId, UserId userId) implements RefreshRotation {
    }

    /** The token had been spent before: a sign of theft, the session must end. */
    record Reused(SessionId sessionId, UserId userId) implements RefreshRotation {
    }

    /** Unknown or expired token. */
    record Unknown() implements RefreshRotation {
    }
}

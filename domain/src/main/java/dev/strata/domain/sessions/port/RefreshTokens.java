package dev.strata.domain.sessions.port;

import dev.strata.domain.sessions.RefreshRotation;
import dev.strata.domain.sessions.SessionId;
import dev.strata.domain.shared.UserId;
import java.time.Instant;

/**
 * Driven port: refresh tokens of login sessions, stored as hashes only. Works inside the current tenant
 * context.
 */
public interface RefreshTokens {
    void issue(String tokenHash, SessionId sessionId, UserId userId, Instant expiresAt);

    /**
     * Spends {@code tokenHash} and stores {@code nextHash} for the same session, atomically: of concurrent
     * rotations of one token exactly one is {@link RefreshRotation.Rotated}; a token spent before is
     * {@link RefreshRotation.Reused}.
     */
    RefreshRotation rotate(String tokenHash, String nextHash, Instant now, Instant nextExpiresAt);

    /** Forgets every token of the session (it ended). */
    void revokeSession(SessionId sessionId);
}

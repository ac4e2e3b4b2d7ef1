package dev.strata.application.sessions.port;

import dev.strata.domain.sessions.SessionId;
import dev.strata.domain.shared.TenantId;
import dev.strata.domain.shared.UserId;
import java.util.Optional;

/**
 * Use case: rotate a refresh token. The presented token is spent; presenting a spent token again ends
 * its session (reuse detection). Empty for an unknown, expired, spent or orphaned token.
 */
public interface RefreshSessionUseCase {
    Optional<Refreshed> refresh(RefreshSessionCommand command);

    /** The session continues with a new refresh token (shown once). */
    record Refreshed(TenantId tenantId, UserId userId, SessionId sessionId, String refreshToken) {
        @Override
        public String toString() {
            return "Refreshed[tenantId=" + tenantId + ", userId=" + userId + ", sessionId=" + sessionId + ", refreshToken=<redacted>]";
        }
    }
}

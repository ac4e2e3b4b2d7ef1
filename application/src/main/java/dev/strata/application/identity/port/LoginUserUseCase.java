package dev.strata.application.identity.port;

import dev.strata.domain.sessions.SessionId;
import dev.strata.domain.shared.TenantId;
import dev.strata.domain.shared.UserId;
import java.time.Instant;

/** Use case: log an end user in — a new session and its first refresh token (the HTTP edge signs the access token). */
public interface LoginUserUseCase {
    LoginResult login(LoginUserCommand command);

    /** Outcome of a login; every "no" is a value. */
    sealed interface LoginResult permits LoggedIn, InvalidCredentials, LockedOut, Busy {
    }

    /** A new session; {@code refreshToken} is shown once. */
    record LoggedIn(TenantId tenantId, UserId userId, SessionId sessionId, String refreshToken) implements LoginResult {
        @Override
        public String toString() {
            return "LoggedIn[tenantId=" + tenantId + ", userId=" + userId + ", sessionId=" + sessionId + ", refreshToken=<redacted>]";
        }
    }

    /** Unknown tenant, unknown email or wrong password: indistinguishable by design. */
    record InvalidCredentials() implements LoginResult {
    }

    /** Too many failures: no password is checked until {@code until}. */
    record LockedOut(Instant until) implements LoginResult {
    }

    /** The password hashing pool is saturated: retry later. */
    record Busy() implements LoginResult {
    }
}

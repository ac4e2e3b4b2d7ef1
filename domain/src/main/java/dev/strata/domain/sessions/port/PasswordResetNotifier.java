package dev.strata.domain.sessions.port;

import dev.strata.domain.sessions.Email;
import dev.strata.domain.sessions.UserId;
import java.time.Instant;

/**
 * Driven port: hands a password-reset token to whoever delivers it to the user (an email service
 * reading an event, say). Called inside the tenant context. Implementations never log the token.
 */
public interface PasswordResetNotifier {
    void resetRequested(UserId userId, Email email, String token, Instant expiresAt);
}

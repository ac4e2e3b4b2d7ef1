package dev.strata.application.sessions;

import dev.strata.domain.sessions.Email;
import dev.strata.domain.sessions.UserId;
import dev.strata.domain.sessions.port.PasswordResetNotifier;
import java.time.Instant;

/**
 * The fallback {@link PasswordResetNotifier} for a deployment without an event log: keeps nothing and
 * logs only that a reset was requested for a user id — never the token, never the email.
 */
public final class LoggingPasswordResetNotifier implements PasswordResetNotifier {
    private static final System.Logger LOG = System.getLogger(LoggingPasswordResetNotifier.class.getName());

    @Override
    public void resetRequested(UserId userId, Email email, String token, Instant expiresAt) {
        LOG.log(System.Logger.Level.INFO, "password reset requested for user {0}; no notifier delivers it", userId);
    }
}

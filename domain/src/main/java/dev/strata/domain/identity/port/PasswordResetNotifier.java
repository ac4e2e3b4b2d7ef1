package dev.strata.domain.identity.port;

import dev.strata.domain.identity.PasswordResetNotice;

/**
 * Driven port: hands a password-reset token to whoever delivers it to the user (the tenant's mailer).
 * It is the only way the token leaves Strata: never an event, a stream, a log line or a metric.
 * Called inside the tenant context on the request's thread, so implementations return quickly (the
 * answer must not reveal whether a user exists) and never log the token.
 */
public interface PasswordResetNotifier {
    void resetRequested(PasswordResetNotice notice);
}

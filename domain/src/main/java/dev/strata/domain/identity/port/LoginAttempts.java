package dev.strata.domain.identity.port;

import dev.strata.domain.identity.LockoutPolicy;
import dev.strata.domain.identity.LoginAdmission;
import java.time.Instant;

/**
 * Driven port: the lockout ledger of login attempts per account key. {@link #admit} counts an attempt
 * BEFORE its password is checked, atomically, so that no number of parallel attempts gets more than
 * {@code maxFailures} password checks into one window. Works inside the current tenant context.
 */
public interface LoginAttempts {
    /** Counts an attempt, or answers {@link LoginAdmission.LockedOut} (and locks) when the account has none left. */
    LoginAdmission admit(String account, LockoutPolicy policy, Instant now);

    /** The admitted attempt failed; it stays counted, and the account locks once {@code maxFailures} have failed. */
    void failed(String account, LockoutPolicy policy, Instant now);

    /** The admitted attempt succeeded, or a password reset happened: the slate is clean. */
    void clear(String account);
}

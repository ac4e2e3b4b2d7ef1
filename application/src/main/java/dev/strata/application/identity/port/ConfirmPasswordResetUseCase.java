package dev.strata.application.identity.port;

/**
 * Use case: set a new password with a reset token — single use: of concurrent redemptions exactly one
 * succeeds. Ends every session of the user and clears the lockout.
 */
public interface ConfirmPasswordResetUseCase {
    ResetOutcome confirmReset(ConfirmPasswordResetCommand command);

    /** Outcome of a redemption. */
    enum ResetOutcome { DONE, INVALID_TOKEN, BUSY }
}

package dev.strata.application.identity.port;

/** Use case: issue a single-use reset token to the notifier (only there) when the account exists; nothing otherwise. */
public interface RequestPasswordResetUseCase {
    void requestReset(RequestPasswordResetCommand command);
}

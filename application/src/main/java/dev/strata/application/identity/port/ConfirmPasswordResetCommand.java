package dev.strata.application.identity.port;

import dev.strata.domain.identity.User;

/** Command: redeem a reset token with a new password. */
public record ConfirmPasswordResetCommand(String token, String newPassword) {
    public ConfirmPasswordResetCommand {
        if (token == null || token.isBlank()) {
            throw new dev.strata.domain.shared.InvalidInputException("token", "token is required");
        }
        User.validPassword("newPassword", newPassword);
    }

    @Override
    public String toString() {
        return "ConfirmPasswordResetCommand[token=<redacted>, newPassword=<redacted>]";
    }
}

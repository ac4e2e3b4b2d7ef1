package dev.strata.adapters.http.identity;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotNull;

/** Request of {@code POST /v1/auth/password-reset/confirm}. */
@Serdeable
public record PasswordResetConfirmRequest(@NotNull String token, @NotNull String newPassword) {
    @Override
    public String toString() {
        return "PasswordResetConfirmRequest[token=<redacted>, newPassword=<redacted>]";
    }
}

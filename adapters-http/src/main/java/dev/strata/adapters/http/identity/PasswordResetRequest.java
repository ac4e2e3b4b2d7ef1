package dev.strata.adapters.http.identity;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotNull;

/** Request of {@code POST /v1/auth/password-reset}. */
@Serdeable
public record PasswordResetRequest(@NotNull String tenant, @NotNull String email) {
}

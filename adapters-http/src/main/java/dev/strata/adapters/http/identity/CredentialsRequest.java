package dev.strata.adapters.http.identity;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotNull;

/** Request of {@code POST /v1/auth/register} and {@code /v1/auth/login}: tenant slug, email, password. */
@Serdeable
public record CredentialsRequest(@NotNull String tenant, @NotNull String email, @NotNull String password) {
    @Override
    public String toString() {
        return "CredentialsRequest[tenant=" + tenant + ", email=<redacted>, password=<redacted>]";
    }
}

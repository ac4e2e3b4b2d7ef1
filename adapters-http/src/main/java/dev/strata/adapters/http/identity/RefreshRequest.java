package dev.strata.adapters.http.identity;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotNull;

/** Request of {@code POST /v1/auth/refresh}. */
@Serdeable
public record RefreshRequest(@NotNull String refreshToken) {
    @Override
    public String toString() {
        return "RefreshRequest[refreshToken=<redacted>]";
    }
}

package dev.strata.adapters.http.identity;

import io.micronaut.serde.annotation.Serdeable;

/** Response of {@code POST /v1/auth/register}. */
@Serdeable
public record UserCreatedResponse(String userId) {
}

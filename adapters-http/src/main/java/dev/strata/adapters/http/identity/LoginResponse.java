package dev.strata.adapters.http.identity;

import io.micronaut.serde.annotation.Serdeable;

/** Response of login and refresh: an access JWT carrying {@code sid} and an opaque refresh token. */
@Serdeable
public record LoginResponse(String accessToken, String refreshToken, String tokenType, long expiresIn, String sessionId) {
    @Override
    public String toString() {
        return "LoginResponse[tokens=<redacted>, sessionId=" + sessionId + "]";
    }
}

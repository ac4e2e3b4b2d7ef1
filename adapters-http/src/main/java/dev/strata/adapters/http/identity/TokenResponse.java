package dev.strata.adapters.http.identity;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

/** Response of {@code POST /v1/auth/token} (RFC 6749 §5.1). */
@Serdeable
public record TokenResponse(@JsonProperty("access_token") String accessToken,
                            @JsonProperty("token_type") String tokenType,
                            @JsonProperty("expires_in") long expiresIn,
                            String scope) {
}

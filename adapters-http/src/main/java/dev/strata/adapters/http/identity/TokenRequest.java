package dev.strata.adapters.http.identity;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** Request of {@code POST /v1/auth/token} (RFC 6749 §4.4), as form fields or JSON. */
@Serdeable
public record TokenRequest(@JsonProperty("grant_type") @Nullable String grantType,
                           @JsonProperty("client_id") @Nullable String clientId,
                           @JsonProperty("client_secret") @Nullable String clientSecret,
                           @Nullable String scope) {
    @Override
    public String toString() {
        return "TokenRequest[grantType=" + grantType + ", clientId=" + clientId + ", clientSecret=<redacted>]";
    }
}

package dev.strata.adapters.http.identity;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** Response of {@code POST /v1/clients}: the secret is shown here once and never again. */
@Serdeable
public record ClientCreatedResponse(String clientId, String clientSecret, String name, List<String> scopes) {
    @Override
    public String toString() {
        return "ClientCreatedResponse[clientId=" + clientId + ", clientSecret=<redacted>]";
    }
}

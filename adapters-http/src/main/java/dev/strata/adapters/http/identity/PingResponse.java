package dev.strata.adapters.http.identity;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** Response of {@code GET /v1/ping}: who the token says the caller is. */
@Serdeable
public record PingResponse(String tenantId, String subject, List<String> scopes) {
}

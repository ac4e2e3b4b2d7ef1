package dev.strata.adapters.http.identity;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/** One service client in {@code GET /v1/clients} (never its secret). */
@Serdeable
public record ClientResponse(String clientId, String name, List<String> scopes, Instant createdAt) {
}

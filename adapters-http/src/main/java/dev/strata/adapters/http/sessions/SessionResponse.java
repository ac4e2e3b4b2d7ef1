package dev.strata.adapters.http.sessions;

import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** A session as answered by {@code /v1/sessions}. */
@Serdeable
public record SessionResponse(String id, String userId, JsonNode data, Instant createdAt, Instant expiresAt, Instant lastSeenAt) {
}

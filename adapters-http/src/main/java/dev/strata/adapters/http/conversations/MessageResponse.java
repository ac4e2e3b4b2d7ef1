package dev.strata.adapters.http.conversations;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** A message as answered by {@code /v1/conversations/{id}/messages}; {@code sequence} is what {@code before} takes. */
@Serdeable
public record MessageResponse(String id, String conversationId, long sequence, String role, String content,
                              JsonNode metadata, Instant createdAt, @Nullable String clientMessageId) {
}

package dev.strata.adapters.http.conversations;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;

/** Request of {@code POST /v1/conversations/{id}/messages}: role, content, optional metadata object and client id. */
@Serdeable
public record PostMessageRequest(@Nullable String role, @Nullable String content, @Nullable JsonNode metadata,
                                 @Nullable String clientMessageId) {
}

package dev.strata.adapters.http.sessions;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotNull;

/** Request of {@code POST /v1/sessions}: whose session, its JSON data, its lifetime. */
@Serdeable
public record CreateSessionRequest(@NotNull String userId, @Nullable JsonNode data, @Nullable Long ttlSeconds) {
}

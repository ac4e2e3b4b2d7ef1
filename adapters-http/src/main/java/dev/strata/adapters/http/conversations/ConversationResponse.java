package dev.strata.adapters.http.conversations;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** A conversation as answered by {@code /v1/conversations} ({@code lastActivityAt} in lists only). */
@Serdeable
public record ConversationResponse(String id, String userId, String title, Instant createdAt,
                                   @Nullable Instant lastActivityAt) {
}

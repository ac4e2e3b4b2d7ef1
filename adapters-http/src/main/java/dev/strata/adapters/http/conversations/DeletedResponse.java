package dev.strata.adapters.http.conversations;

import io.micronaut.serde.annotation.Serdeable;

/** Answer of {@code DELETE /v1/users/{userId}/conversations}: how many conversations were deleted. */
@Serdeable
public record DeletedResponse(int deleted) {
}

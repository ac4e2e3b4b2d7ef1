package dev.strata.adapters.http.identity;

import io.micronaut.serde.annotation.Serdeable;

/** Response of {@code GET /v1/auth/me}. */
@Serdeable
public record MeResponse(String userId, String tenantId, String email, String sessionId) {
}

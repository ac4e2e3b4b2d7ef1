package dev.strata.adapters.http.sessions;

import io.micronaut.serde.annotation.Serdeable;

/** Response of {@code DELETE /v1/sessions?userId=}: how many sessions ended. */
@Serdeable
public record EndedResponse(int ended) {
}

package dev.strata.adapters.http.secrets;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** One version of a secret: number, state (current, pending, previous), creation time and wrapping key id. */
@Serdeable
public record SecretVersionResponse(int version, String state, Instant createdAt, String keyId) {
}

package dev.strata.adapters.http.secrets;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** Metadata of a secret, never its value; {@code pendingVersion} during a staged rotation. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record SecretResponse(String name, @Nullable String description, @Nullable String service, int version,
                             @Nullable Integer pendingVersion, Instant createdAt, Instant lastRotatedAt,
                             int rotationPeriodDays, boolean rotationDue, Instant rotationDueAt, int maxVersions) {
}

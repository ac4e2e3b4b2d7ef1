package dev.strata.adapters.http.secrets;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * Response of {@code GET /v1/secrets/audit}: whether the tenant's whole chain verifies ({@code brokenAt}, the
 * first sequence where it does not, and why), and a page of records.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AuditResponse(boolean chainValid, long checked, @Nullable Long brokenAt, @Nullable String reason,
                            List<AuditRecordResponse> items, @Nullable String nextCursor) {
}

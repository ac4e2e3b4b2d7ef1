package dev.strata.adapters.http.operations;

import dev.strata.domain.operations.AdminAuditRecord;
import io.micronaut.serde.annotation.Serdeable;

/** One record of {@code GET /v1/admin/audit}: who, what, on which target, how it ended, when. */
@Serdeable
public record AdminAuditResponse(long id, String actor, String action, String target, String outcome, String detail,
                                 String time) {
    static AdminAuditResponse of(AdminAuditRecord record) {
        var entry = record.entry();
        return new AdminAuditResponse(record.id(), entry.actor(), entry.action().wire(), entry.target(),
                entry.succeeded() ? "succeeded" : "failed", entry.detail(), entry.time().toString());
    }
}

package dev.strata.domain.operations.port;

import dev.strata.domain.operations.AdminAuditEntry;
import dev.strata.domain.operations.AdminAuditRecord;
import java.util.List;
import java.util.OptionalLong;

/**
 * Driven port: the current tenant's admin audit log — append-only, read newest first. Infrastructure faults
 * throw {@link dev.strata.domain.shared.StoreUnavailableException}.
 */
public interface AdminAuditLog {
    /** Appends the entry for the current tenant; answers it with its id. */
    AdminAuditRecord append(AdminAuditEntry entry);

    /** Up to {@code limit} (≥ 1) records of the current tenant with an id below {@code beforeId} (all when empty), newest first. */
    List<AdminAuditRecord> readNewestFirst(OptionalLong beforeId, int limit);
}

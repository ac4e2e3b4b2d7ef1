package dev.strata.application.operations.port;

import dev.strata.application.shared.Page;
import dev.strata.domain.operations.AdminAuditRecord;

/** Use case: read the current tenant's admin audit log, newest first, page by page. */
public interface ListAdminAuditUseCase {
    Page<AdminAuditRecord> list(ListAdminAuditQuery query);
}

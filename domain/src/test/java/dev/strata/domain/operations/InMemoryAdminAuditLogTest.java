package dev.strata.domain.operations;

import dev.strata.domain.operations.port.AdminAuditLog;

class InMemoryAdminAuditLogTest extends AdminAuditLogContract {
    @Override
    protected AdminAuditLog createSubject() {
        return new InMemoryAdminAuditLog();
    }
}

package dev.strata.application.operations.port;

import dev.strata.domain.operations.AdminAuditRecord;

/** Use case: write one admin action to the current tenant's admin audit log. */
public interface RecordAdminActionUseCase {
    AdminAuditRecord record(RecordAdminActionCommand command);
}

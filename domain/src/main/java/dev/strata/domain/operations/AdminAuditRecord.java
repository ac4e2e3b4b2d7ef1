package dev.strata.domain.operations;

import java.util.Objects;

/** Value object: an admin audit entry as stored, with its id (increasing in the order of appends). */
public record AdminAuditRecord(long id, AdminAuditEntry entry) {
    public AdminAuditRecord {
        if (id < 1) {
            throw new IllegalArgumentException("id must be at least 1");
        }
        Objects.requireNonNull(entry, "entry must not be null");
    }
}

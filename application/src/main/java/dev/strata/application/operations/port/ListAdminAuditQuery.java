package dev.strata.application.operations.port;

import dev.strata.application.shared.PageRequest;
import java.util.Objects;

/** Query: one page of the current tenant's admin audit log, newest first. */
public record ListAdminAuditQuery(PageRequest page) {
    public ListAdminAuditQuery {
        Objects.requireNonNull(page, "page must not be null");
    }
}

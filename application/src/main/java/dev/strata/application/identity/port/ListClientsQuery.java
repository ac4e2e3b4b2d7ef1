package dev.strata.application.identity.port;

import dev.strata.application.shared.PageRequest;
import java.util.Objects;

/** Query: one page of the current tenant's service clients. */
public record ListClientsQuery(PageRequest page) {
    public ListClientsQuery {
        Objects.requireNonNull(page, "page must not be null");
    }
}

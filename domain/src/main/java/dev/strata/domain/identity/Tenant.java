package dev.strata.domain.identity;

import dev.strata.domain.shared.TenantId;
import java.time.Instant;
import java.util.Objects;

/** Entity: a tenant, the unit of isolation. */
public record Tenant(TenantId id, TenantSlug slug, Instant createdAt) {
    public Tenant {
        Objects.requireNonNull(id, "id must not be null");
        Objects.requireNonNull(slug, "slug must not be null");
        Objects.requireNonNull(createdAt, "createdAt must not be null");
    }
}

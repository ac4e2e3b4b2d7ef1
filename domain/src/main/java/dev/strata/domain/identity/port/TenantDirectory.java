package dev.strata.domain.identity.port;

import dev.strata.domain.identity.Tenant;
import dev.strata.domain.identity.TenantSlug;
import dev.strata.domain.shared.TenantId;
import java.util.Optional;

/** Driven port: the registry of tenants (global: the one table that is not itself tenant-scoped). */
public interface TenantDirectory {
    /** Stores a new tenant; throws {@link dev.strata.domain.shared.ConflictException} when the slug is taken. */
    void create(Tenant tenant);

    Optional<Tenant> findBySlug(TenantSlug slug);

    Optional<Tenant> findById(TenantId id);
}

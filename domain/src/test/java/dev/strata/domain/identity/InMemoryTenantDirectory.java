package dev.strata.domain.identity;

import dev.strata.domain.identity.port.TenantDirectory;
import dev.strata.domain.shared.ConflictException;
import dev.strata.domain.shared.TenantId;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** In-memory fake of {@link TenantDirectory}: global (no tenant context needed), slugs unique. Thread-safe. */
public final class InMemoryTenantDirectory implements TenantDirectory {
    private final Map<TenantId, Tenant> byId = new HashMap<>();
    private final Map<TenantSlug, Tenant> bySlug = new HashMap<>();

    @Override
    public synchronized void create(Tenant tenant) {
        if (bySlug.containsKey(tenant.slug())) {
            throw new ConflictException("sessions.tenant_exists", "a tenant with slug " + tenant.slug() + " exists");
        }
        if (byId.containsKey(tenant.id())) {
            throw new ConflictException("sessions.tenant_exists", "a tenant with this id exists");
        }
        byId.put(tenant.id(), tenant);
        bySlug.put(tenant.slug(), tenant);
    }

    @Override
    public synchronized Optional<Tenant> findBySlug(TenantSlug slug) {
        return Optional.ofNullable(bySlug.get(slug));
    }

    @Override
    public synchronized Optional<Tenant> findById(TenantId id) {
        return Optional.ofNullable(byId.get(id));
    }
}

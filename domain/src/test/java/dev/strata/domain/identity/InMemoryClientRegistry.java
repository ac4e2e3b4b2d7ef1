package dev.strata.domain.identity;

import dev.strata.domain.identity.port.ClientRegistry;
import dev.strata.domain.shared.ClientId;
import dev.strata.domain.shared.ConflictException;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * In-memory fake of {@link ClientRegistry}: clients partitioned by the current tenant, plus a global
 * id-to-tenant index that serves {@link #tenantOf} without a tenant context. Thread-safe.
 */
public final class InMemoryClientRegistry implements ClientRegistry {
    private final Map<TenantId, Map<ClientId, ServiceClient>> byTenant = new HashMap<>();
    private final Map<ClientId, TenantId> tenantOfClient = new HashMap<>();

    @Override
    public synchronized void save(ServiceClient client) {
        TenantId tenant = TenantContext.require();
        if (!client.tenantId().equals(tenant)) {
            throw new IllegalArgumentException("client belongs to another tenant than the current one");
        }
        TenantId owner = tenantOfClient.get(client.id());
        if (owner != null && !owner.equals(tenant)) {
            throw new ConflictException("sessions.client_exists", "client id is taken");
        }
        partition().put(client.id(), client);
        tenantOfClient.put(client.id(), tenant);
    }

    @Override
    public synchronized Optional<ServiceClient> find(ClientId id) {
        return Optional.ofNullable(partition().get(id));
    }

    @Override
    public synchronized List<ServiceClient> list(Optional<ClientId> afterId, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        return partition().values().stream()
                .filter(client -> afterId.isEmpty() || client.id().value().compareTo(afterId.get().value()) > 0)
                .sorted(Comparator.comparing(client -> client.id().value()))
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized boolean delete(ClientId id) {
        boolean removed = partition().remove(id) != null;
        if (removed) {
            tenantOfClient.remove(id);
        }
        return removed;
    }

    @Override
    public synchronized Optional<TenantId> tenantOf(ClientId id) {
        return Optional.ofNullable(tenantOfClient.get(id));
    }

    private Map<ClientId, ServiceClient> partition() {
        return byTenant.computeIfAbsent(TenantContext.require(), tenant -> new HashMap<>());
    }
}

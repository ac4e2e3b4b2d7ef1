package dev.strata.domain.identity.port;

import dev.strata.domain.identity.ServiceClient;
import dev.strata.domain.shared.ClientId;
import dev.strata.domain.shared.TenantId;
import java.util.List;
import java.util.Optional;

/**
 * Driven port: durable store of service clients. Every method but {@link #tenantOf} works inside
 * the current {@link dev.strata.domain.shared.TenantContext} and never sees another tenant's clients.
 */
public interface ClientRegistry {
    void save(ServiceClient client);

    Optional<ServiceClient> find(ClientId id);

    /** Clients ordered by id, after {@code afterId} (exclusive) when given, at most {@code limit}. */
    List<ServiceClient> list(Optional<ClientId> afterId, int limit);

    /** Removes the client; false when it did not exist in the current tenant. */
    boolean delete(ClientId id);

    /** Routing only: which tenant a client id belongs to, before any tenant context exists (token requests). */
    Optional<TenantId> tenantOf(ClientId id);
}

package dev.strata.application.cache;

import dev.strata.application.shared.BoundedMap;
import dev.strata.domain.cache.port.CacheNamespaces;
import dev.strata.domain.shared.Quota;
import dev.strata.domain.shared.ResourceName;
import dev.strata.domain.shared.StoreUnavailableException;
import dev.strata.domain.shared.TenantId;

/**
 * Counts a namespace against the tenant's quota the first time this instance sees it written or configured
 * (one Postgres round trip per namespace and instance; later writes ask memory only). Postgres down: the
 * write goes on unregistered and is registered by a later one (a durable write fails there anyway).
 */
final class NamespaceRegistry {
    private record Scoped(TenantId tenant, ResourceName namespace) {
    }

    private final CacheNamespaces namespaces;
    private final Quota quota;
    private final BoundedMap<Scoped, Boolean> registered;

    /** With {@code namespaces} null, nothing is registered or limited. */
    NamespaceRegistry(CacheNamespaces namespaces, Quota quota, int maxTracked) {
        if ((namespaces == null) != (quota == null)) {
            throw new IllegalArgumentException("namespaces and namespaceQuota go together");
        }
        this.namespaces = namespaces;
        this.quota = quota;
        this.registered = new BoundedMap<>(maxTracked);
    }

    /** @throws dev.strata.domain.shared.QuotaExceededException when the namespace is new and the quota is full */
    void register(TenantId tenant, ResourceName namespace) {
        if (namespaces == null) {
            return;
        }
        Scoped scoped = new Scoped(tenant, namespace);
        if (registered.containsKey(scoped)) {
            return;
        }
        try {
            namespaces.register(namespace, quota);
            registered.put(scoped, Boolean.TRUE);
        } catch (StoreUnavailableException e) {
            // not remembered: the next write asks again
        }
    }

    int size() {
        return registered.size();
    }
}

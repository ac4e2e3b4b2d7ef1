package dev.strata.domain.cache.port;

import dev.strata.domain.shared.Quota;
import dev.strata.domain.shared.ResourceName;

/**
 * Driven port: the registry of cache namespaces each tenant has brought into use (configured or written
 * to), counted against the tenant's namespaces quota. Faults surface as
 * {@link dev.strata.domain.shared.StoreUnavailableException}.
 */
public interface CacheNamespaces {
    /**
     * Records that the current tenant uses the namespace. A namespace already recorded is always admitted;
     * a new one only while the tenant holds fewer than {@code quota.limit()}, exactly across instances.
     *
     * @throws dev.strata.domain.shared.QuotaExceededException when the namespace is new and the quota is full
     */
    void register(ResourceName namespace, Quota quota);
}

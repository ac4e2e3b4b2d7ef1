package dev.strata.application.cache.port;

import dev.strata.domain.shared.ResourceName;

/**
 * Use case: remove every entry of one namespace of the current tenant, from every tier and instance (Redis
 * deletes in bounded batches; the namespace's settings stay).
 */
public interface InvalidateCacheNamespaceUseCase {
    /** Answers how many live entries were removed. */
    long invalidateNamespace(ResourceName namespace);
}

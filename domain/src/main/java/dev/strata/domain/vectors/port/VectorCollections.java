package dev.strata.domain.vectors.port;

import dev.strata.domain.shared.Quota;
import dev.strata.domain.shared.ResourceName;
import dev.strata.domain.vectors.CollectionDefinition;
import dev.strata.domain.vectors.CollectionInfo;
import dev.strata.domain.vectors.DefineCollectionResult;
import dev.strata.domain.vectors.TenantCollection;
import java.util.List;
import java.util.Optional;

/**
 * Driven port: a tenant's vector collections — their definitions, item counts and versions (Postgres).
 * Every method but {@link #everyTenant} works inside the current {@link dev.strata.domain.shared.TenantContext}.
 */
public interface VectorCollections {
    /**
     * Creates the collection unless one of that name exists, and tells which happened: created, identical
     * settings (nothing changes) or conflicting settings (nothing changes). Atomic per name across instances.
     * A collection new to the tenant is refused with {@link dev.strata.domain.shared.QuotaExceededException}
     * while the tenant holds {@code quota.limit()} collections.
     */
    DefineCollectionResult define(CollectionDefinition definition, Quota quota);

    Optional<CollectionInfo> find(ResourceName name);

    /** Collections ordered by name, after {@code after} (exclusive) when given, at most {@code limit} (≥ 1). */
    List<CollectionInfo> list(Optional<ResourceName> after, int limit);

    /** Deletes the collection and all its items; false when it did not exist. */
    boolean delete(ResourceName name);

    /**
     * Every tenant's collections, tenant and name only, at most {@code limit}: for work done at start for all of them
     * (prewarming their indexes). The one method that needs no tenant context.
     */
    List<TenantCollection> everyTenant(int limit);
}

package dev.strata.domain.vectors;

import dev.strata.domain.shared.ResourceName;
import dev.strata.domain.shared.TenantId;
import java.util.Objects;

/** Value object: one collection of some tenant, named for work done for every tenant (prewarming at start). */
public record TenantCollection(TenantId tenant, ResourceName name) {
    public TenantCollection {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(name, "name");
    }
}

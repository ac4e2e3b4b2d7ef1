package dev.strata.adapters.http.security;

import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import io.micronaut.core.propagation.ThreadPropagatedContextElement;

/**
 * Carries the token's tenant through Micronaut's propagated context, so that {@link TenantContext}
 * holds it on whichever thread (event loop or blocking pool) runs the rest of the request.
 */
public record TenantPropagation(TenantId tenant) implements ThreadPropagatedContextElement<TenantId> {
    @Override
    public TenantId updateThreadContext() {
        return TenantContext.swap(tenant);
    }

    @Override
    public void restoreThreadContext(TenantId previous) {
        TenantContext.swap(previous);
    }
}

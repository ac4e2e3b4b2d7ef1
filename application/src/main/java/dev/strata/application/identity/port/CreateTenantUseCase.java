package dev.strata.application.identity.port;

import dev.strata.domain.shared.TenantId;

/** Use case: create a tenant with an admin client holding every client scope. */
public interface CreateTenantUseCase {
    TenantCreated createTenant(CreateTenantCommand command);

    /** The new tenant and its admin client's credentials (the secret exists only here). */
    record TenantCreated(TenantId tenantId, ClientCredentials admin) {
    }
}

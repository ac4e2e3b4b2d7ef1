package dev.strata.adapters.postgres.identity;

import dev.strata.adapters.postgres.shared.PostgresTestContext;
import dev.strata.domain.identity.ClientRegistryContract;
import dev.strata.domain.identity.port.ClientRegistry;
import dev.strata.domain.shared.TenantId;

/** The client registry contract against real Postgres (with row-level security). */
class PostgresClientRegistryIT extends ClientRegistryContract {
    @Override
    protected ClientRegistry createSubject() {
        return PostgresTestContext.shared().getBean(PostgresClientRegistry.class);
    }

    @Override
    protected void givenTenant(TenantId tenant) {
        PostgresTestContext.insertTenant(tenant);
    }
}

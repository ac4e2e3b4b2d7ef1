package dev.strata.adapters.postgres.sessions;

import dev.strata.adapters.postgres.shared.PostgresTestContext;
import dev.strata.domain.sessions.ClientRegistryContract;
import dev.strata.domain.sessions.port.ClientRegistry;
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

package dev.strata.adapters.postgres.identity;

import dev.strata.adapters.postgres.shared.PostgresTestContext;
import dev.strata.domain.identity.UserDirectoryContract;
import dev.strata.domain.identity.port.UserDirectory;
import dev.strata.domain.shared.TenantId;

/** The users contract against real Postgres (with row-level security). */
class PostgresUserDirectoryIT extends UserDirectoryContract {
    @Override
    protected UserDirectory createSubject() {
        return PostgresTestContext.shared().getBean(PostgresUserDirectory.class);
    }

    @Override
    protected void givenTenant(TenantId tenant) {
        PostgresTestContext.insertTenant(tenant);
    }
}

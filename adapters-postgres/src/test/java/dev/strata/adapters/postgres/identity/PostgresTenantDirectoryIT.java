package dev.strata.adapters.postgres.identity;

import dev.strata.adapters.postgres.shared.PostgresTestContext;
import dev.strata.domain.identity.TenantDirectoryContract;
import dev.strata.domain.identity.port.TenantDirectory;

/** The tenant directory contract against real Postgres. */
class PostgresTenantDirectoryIT extends TenantDirectoryContract {
    @Override
    protected TenantDirectory createSubject() {
        return PostgresTestContext.shared().getBean(PostgresTenantDirectory.class);
    }
}

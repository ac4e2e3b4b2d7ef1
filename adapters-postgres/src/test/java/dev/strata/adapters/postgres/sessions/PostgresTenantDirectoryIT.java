package dev.strata.adapters.postgres.sessions;

import dev.strata.adapters.postgres.shared.PostgresTestContext;
import dev.strata.domain.sessions.TenantDirectoryContract;
import dev.strata.domain.sessions.port.TenantDirectory;

/** The tenant directory contract against real Postgres. */
class PostgresTenantDirectoryIT extends TenantDirectoryContract {
    @Override
    protected TenantDirectory createSubject() {
        return PostgresTestContext.shared().getBean(PostgresTenantDirectory.class);
    }
}

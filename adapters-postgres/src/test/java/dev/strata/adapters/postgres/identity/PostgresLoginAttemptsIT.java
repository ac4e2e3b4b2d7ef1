package dev.strata.adapters.postgres.identity;

import dev.strata.adapters.postgres.shared.PostgresTestContext;
import dev.strata.domain.identity.LoginAttemptsContract;
import dev.strata.domain.identity.port.LoginAttempts;
import dev.strata.domain.shared.TenantId;

/** The login attempts contract against real Postgres (with row-level security). */
class PostgresLoginAttemptsIT extends LoginAttemptsContract {
    @Override
    protected LoginAttempts createSubject() {
        return PostgresTestContext.shared().getBean(PostgresLoginAttempts.class);
    }

    @Override
    protected void givenTenant(TenantId tenant) {
        PostgresTestContext.insertTenant(tenant);
    }
}

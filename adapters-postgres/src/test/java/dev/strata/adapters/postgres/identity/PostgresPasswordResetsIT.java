package dev.strata.adapters.postgres.identity;

import dev.strata.adapters.postgres.shared.PostgresTestContext;
import dev.strata.domain.identity.PasswordResetsContract;
import dev.strata.domain.identity.port.PasswordResets;
import dev.strata.domain.shared.TenantId;

/** The password resets contract against real Postgres (with row-level security). */
class PostgresPasswordResetsIT extends PasswordResetsContract {
    @Override
    protected PasswordResets createSubject() {
        return PostgresTestContext.shared().getBean(PostgresPasswordResets.class);
    }

    @Override
    protected void givenTenant(TenantId tenant) {
        PostgresTestContext.insertTenant(tenant);
    }
}

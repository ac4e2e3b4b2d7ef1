package dev.strata.adapters.postgres.sessions;

import dev.strata.adapters.postgres.shared.PostgresTestContext;
import dev.strata.domain.sessions.RefreshTokensContract;
import dev.strata.domain.sessions.port.RefreshTokens;
import dev.strata.domain.shared.TenantId;

/** The refresh tokens contract against real Postgres (with row-level security). */
class PostgresRefreshTokensIT extends RefreshTokensContract {
    @Override
    protected RefreshTokens createSubject() {
        return PostgresTestContext.shared().getBean(PostgresRefreshTokens.class);
    }

    @Override
    protected void givenTenant(TenantId tenant) {
        PostgresTestContext.insertTenant(tenant);
    }
}

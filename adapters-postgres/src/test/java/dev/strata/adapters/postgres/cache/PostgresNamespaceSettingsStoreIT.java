package dev.strata.adapters.postgres.cache;

import dev.strata.adapters.postgres.shared.PostgresTestContext;
import dev.strata.domain.cache.NamespaceSettingsStoreContract;
import dev.strata.domain.cache.port.NamespaceSettingsStore;
import dev.strata.domain.shared.TenantId;

/** The namespace settings contract against real Postgres (with row-level security). */
class PostgresNamespaceSettingsStoreIT extends NamespaceSettingsStoreContract {
    @Override
    protected NamespaceSettingsStore createSubject() {
        return PostgresTestContext.shared().getBean(PostgresNamespaceSettingsStore.class);
    }

    @Override
    protected void givenTenant(TenantId tenant) {
        PostgresTestContext.insertTenant(tenant);
    }
}

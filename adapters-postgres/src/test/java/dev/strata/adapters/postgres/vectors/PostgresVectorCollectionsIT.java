package dev.strata.adapters.postgres.vectors;

import dev.strata.adapters.postgres.shared.PostgresTestContext;
import dev.strata.domain.shared.TenantId;
import dev.strata.domain.vectors.VectorCollectionsContract;
import dev.strata.domain.vectors.port.VectorCollections;

/** The vector collections contract against real Postgres with pgvector (catalogue under row-level security). */
class PostgresVectorCollectionsIT extends VectorCollectionsContract {
    @Override
    protected VectorCollections createCollections() {
        return PostgresTestContext.shared().getBean(PostgresVectorCollections.class);
    }

    @Override
    protected void givenTenant(TenantId tenant) {
        PostgresTestContext.insertTenant(tenant);
    }
}

package dev.strata.adapters.postgres.shared;

import dev.strata.domain.shared.UnitOfWork;
import dev.strata.domain.shared.UnitOfWorkContract;

/** The unit-of-work contract against the Postgres adapter's transactions. */
class JdbcUnitOfWorkIT extends UnitOfWorkContract {
    @Override
    protected UnitOfWork createSubject() {
        return PostgresTestContext.shared().getBean(Jdbc.class);
    }
}

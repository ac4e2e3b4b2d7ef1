package dev.strata.adapters.postgres.events;

import dev.strata.adapters.postgres.shared.PostgresTestContext;
import dev.strata.domain.events.ConsumerGroupsContract;
import dev.strata.domain.events.port.ConsumerGroups;
import dev.strata.domain.shared.TenantId;

/** The consumer groups contract against real Postgres. */
class PostgresConsumerGroupsIT extends ConsumerGroupsContract {
    @Override
    protected ConsumerGroups createSubject() {
        return PostgresTestContext.shared().getBean(PostgresConsumerGroups.class);
    }

    @Override
    protected void givenTenant(TenantId tenant) {
        PostgresTestContext.insertTenant(tenant);
    }
}

package dev.strata.adapters.postgres.events;

import dev.strata.adapters.postgres.shared.PostgresTestContext;
import dev.strata.domain.events.EventOutboxContract;
import dev.strata.domain.events.port.EventLog;
import dev.strata.domain.events.port.EventOutbox;
import dev.strata.domain.shared.TenantId;

/** The event outbox contract against real Postgres, fed by the Postgres event log. */
class PostgresEventOutboxIT extends EventOutboxContract {
    @Override
    protected EventLog createLog() {
        return PostgresTestContext.shared().getBean(PostgresEventLog.class);
    }

    @Override
    protected EventOutbox createOutbox() {
        return PostgresTestContext.shared().getBean(PostgresEventOutbox.class);
    }

    @Override
    protected void givenTenant(TenantId tenant) {
        PostgresTestContext.insertTenant(tenant);
    }
}

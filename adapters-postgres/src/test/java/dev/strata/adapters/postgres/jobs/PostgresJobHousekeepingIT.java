package dev.strata.adapters.postgres.jobs;

import dev.strata.adapters.postgres.shared.PostgresTestContext;
import dev.strata.domain.jobs.JobHousekeepingContract;
import dev.strata.domain.jobs.port.JobHousekeeping;
import dev.strata.domain.jobs.port.JobQueue;
import dev.strata.domain.jobs.port.JobSchedules;
import dev.strata.domain.shared.TenantId;

/** The housekeeping routing contract against real Postgres (the V24 functions, under the serving role). */
class PostgresJobHousekeepingIT extends JobHousekeepingContract {
    @Override
    protected JobHousekeeping createSubject() {
        return PostgresTestContext.shared().getBean(PostgresJobHousekeeping.class);
    }

    @Override
    protected JobQueue jobs() {
        return PostgresTestContext.shared().getBean(PostgresJobQueue.class);
    }

    @Override
    protected JobSchedules schedules() {
        return PostgresTestContext.shared().getBean(PostgresJobSchedules.class);
    }

    @Override
    protected void givenTenant(TenantId tenant) {
        PostgresTestContext.insertTenant(tenant);
    }
}

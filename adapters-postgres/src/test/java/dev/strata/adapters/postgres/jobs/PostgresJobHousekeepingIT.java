package dev.strata.adapters.postgres.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.strata.adapters.postgres.shared.PostgresTestContext;
import dev.strata.domain.jobs.JobHousekeepingContract;
import dev.strata.domain.jobs.JobSpec;
import dev.strata.domain.jobs.QueueName;
import dev.strata.domain.jobs.port.JobHousekeeping;
import dev.strata.domain.jobs.port.JobQueue;
import dev.strata.domain.jobs.port.JobSchedules;
import dev.strata.domain.shared.TenantId;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The housekeeping routing contract against real Postgres (the V24 functions, under the serving role). */
class PostgresJobHousekeepingIT extends JobHousekeepingContract {
    @Test
    void theServingRoleReadsNoJobOrScheduleWithoutATenantAndRunsNoDdlThroughTheFunctions() throws Exception {
        TenantId tenant = newTenant();
        as(tenant, () -> jobs().enqueue(new QueueName("hk-" + unique()), JobSpec.of("t", "{}"), T, null));
        DataSource dataSource = PostgresTestContext.shared().getBean(DataSource.class);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String table : new String[] {"jobs", "job_schedules", "job_queue_rates"}) {
                try (ResultSet rows = statement.executeQuery("select count(*) from " + table)) {
                    rows.next();
                    assertEquals(0, rows.getLong(1), table + " without a tenant context");
                }
            }
            try (ResultSet rows = statement.executeQuery(
                    "select count(*) from pg_policies where policyname = 'housekeeping_read' and roles @> array[current_user]::name[]")) {
                rows.next();
                assertEquals(0, rows.getLong(1), "the cross-tenant read policy is the owner's, not the serving role's");
            }
        }
    }

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

package dev.strata.adapters.postgres.jobs;

import static dev.strata.adapters.postgres.jobs.JobRows.query;

import dev.strata.adapters.postgres.shared.Jdbc;
import dev.strata.domain.jobs.QueueName;
import dev.strata.domain.jobs.TenantQueue;
import dev.strata.domain.jobs.port.JobHousekeeping;
import dev.strata.domain.shared.TenantId;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Postgres adapter for {@link JobHousekeeping}: the security-definer functions of V24 list (tenant, queue) pairs or
 * tenants with work, over the range indexes on lease end, finish time and next tick; they answer no job, so the
 * loops still act through the tenant-scoped, row-level-secured statements. Runs without a tenant context.
 */
@Singleton
public class PostgresJobHousekeeping implements JobHousekeeping {
    private final Jdbc jdbc;

    public PostgresJobHousekeeping(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<TenantQueue> queuesWithExpiredLeases(Instant now, int limit) {
        return jdbc.inTransaction(connection -> query(connection,
                "select tenant_id, queue from strata_jobs_expired_leases(?, ?)", PostgresJobHousekeeping::tenantQueue,
                now, limit));
    }

    @Override
    public List<TenantId> tenantsWithDueSchedules(Instant now, int limit) {
        return jdbc.inTransaction(connection -> query(connection,
                "select tenant_id from strata_jobs_due_schedule_tenants(?, ?)",
                rows -> new TenantId(rows.getObject(1, UUID.class)), now, limit));
    }

    @Override
    public List<TenantQueue> queuesWithExpiredFinishedJobs(Instant completedBefore, Instant deadBefore, int limit) {
        return jdbc.inTransaction(connection -> query(connection,
                "select tenant_id, queue from strata_jobs_expired_finished(?, ?, ?)",
                PostgresJobHousekeeping::tenantQueue, completedBefore, deadBefore, limit));
    }

    private static TenantQueue tenantQueue(ResultSet rows) throws SQLException {
        return new TenantQueue(new TenantId(rows.getObject(1, UUID.class)), new QueueName(rows.getString(2)));
    }
}

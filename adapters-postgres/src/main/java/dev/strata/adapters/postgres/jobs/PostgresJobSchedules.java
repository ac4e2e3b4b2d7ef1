package dev.strata.adapters.postgres.jobs;

import static dev.strata.adapters.postgres.jobs.JobRows.one;
import static dev.strata.adapters.postgres.jobs.JobRows.query;
import static dev.strata.adapters.postgres.jobs.JobRows.update;

import dev.strata.adapters.postgres.shared.Jdbc;
import dev.strata.domain.jobs.CronExpression;
import dev.strata.domain.jobs.JobChange;
import dev.strata.domain.jobs.QueueName;
import dev.strata.domain.jobs.Schedule;
import dev.strata.domain.jobs.ScheduleView;
import dev.strata.domain.jobs.port.JobSchedules;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Postgres adapter for {@link JobSchedules} ({@code job_schedules}, RLS). A tick fires with {@code UPDATE
 * job_schedules SET next_run_at = <tick after now> WHERE name = ? AND next_run_at = <the due tick>} and, only when
 * that moved the row, the enqueue of its job through {@link PostgresJobQueue} in the same transaction: of several
 * instances firing the same tick, the first update wins and the others match no row (they wait for its commit,
 * then see the moved tick), so one tick enqueues exactly one job; a schedule that missed ticks fires once and
 * moves on past "now".
 */
@Singleton
public class PostgresJobSchedules implements JobSchedules {
    /** How many due schedules one firing round deals with at most. */
    static final int DUE_BATCH = 100;
    private static final String COLUMNS = "name, queue, type, payload, cron, timezone, next_run_at, last_run_at";

    private final Jdbc jdbc;
    private final PostgresJobQueue queue;

    public PostgresJobSchedules(Jdbc jdbc, PostgresJobQueue queue) {
        this.jdbc = jdbc;
        this.queue = queue;
    }

    @Override
    public ScheduleView upsert(Schedule schedule, Instant now) {
        TenantId tenant = TenantContext.require();
        return jdbc.inTransaction(connection -> {
            Optional<ScheduleView> existing = one(connection, "select " + COLUMNS + " from job_schedules "
                    + "where tenant_id = ? and name = ? for update", PostgresJobSchedules::map, tenant.value(),
                    schedule.name());
            Instant next = existing.filter(view -> !schedule.ticksDifferFrom(view.schedule()))
                    .map(ScheduleView::nextRunAt).orElseGet(() -> schedule.nextTick(now));
            return one(connection, "insert into job_schedules (tenant_id, name, queue, type, payload, cron, timezone, "
                            + "next_run_at, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                            + "on conflict (tenant_id, name) do update set queue = excluded.queue, type = excluded.type, "
                            + "payload = excluded.payload, cron = excluded.cron, timezone = excluded.timezone, "
                            + "next_run_at = excluded.next_run_at, updated_at = excluded.updated_at returning " + COLUMNS,
                    PostgresJobSchedules::map, tenant.value(), schedule.name(), schedule.queue().value(),
                    schedule.type(), schedule.payload(), schedule.cron().text(), schedule.timezone().getId(), next, now,
                    now).orElseThrow();
        });
    }

    @Override
    public Optional<ScheduleView> find(String name) {
        TenantId tenant = TenantContext.require();
        return jdbc.inTransaction(connection -> one(connection, "select " + COLUMNS + " from job_schedules "
                + "where tenant_id = ? and name = ?", PostgresJobSchedules::map, tenant.value(), name));
    }

    @Override
    public List<ScheduleView> list() {
        TenantId tenant = TenantContext.require();
        return jdbc.inTransaction(connection -> query(connection, "select " + COLUMNS + " from job_schedules "
                + "where tenant_id = ? order by name", PostgresJobSchedules::map, tenant.value()));
    }

    @Override
    public boolean delete(String name) {
        TenantId tenant = TenantContext.require();
        return jdbc.inTransaction(connection -> update(connection,
                "delete from job_schedules where tenant_id = ? and name = ?", tenant.value(), name) > 0);
    }

    @Override
    public List<JobChange> claimDueTicks(Instant now) {
        TenantId tenant = TenantContext.require();
        List<ScheduleView> due = jdbc.inTransaction(connection -> query(connection, "select " + COLUMNS
                        + " from job_schedules where tenant_id = ? and next_run_at <= ? order by next_run_at limit ?",
                PostgresJobSchedules::map, tenant.value(), now, DUE_BATCH));
        List<JobChange> changes = new ArrayList<>();
        for (ScheduleView view : due) {
            Schedule schedule = view.schedule();
            Instant next = schedule.nextTick(now);
            // one transaction per tick (or the caller's): the step to the next tick and the job commit together
            jdbc.inTransaction(connection -> {
                int moved = update(connection, "update job_schedules set next_run_at = ?, last_run_at = ?, "
                                + "updated_at = ? where tenant_id = ? and name = ? and next_run_at = ?",
                        next, view.nextRunAt(), now, tenant.value(), schedule.name(), view.nextRunAt());
                if (moved == 1) {
                    queue.enqueue(schedule.queue(), schedule.jobSpec(), now, null).change().ifPresent(changes::add);
                }
                return null;
            });
        }
        return changes;
    }

    private static ScheduleView map(ResultSet rows) throws SQLException {
        Schedule schedule = new Schedule(rows.getString("name"), new QueueName(rows.getString("queue")),
                rows.getString("type"), rows.getString("payload"), CronExpression.parse(rows.getString("cron")),
                ZoneId.of(rows.getString("timezone")));
        Timestamp last = rows.getTimestamp("last_run_at");
        return new ScheduleView(schedule, rows.getTimestamp("next_run_at").toInstant(),
                Optional.ofNullable(last).map(Timestamp::toInstant));
    }
}

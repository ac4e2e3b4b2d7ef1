package dev.strata.domain.jobs.port;

import dev.strata.domain.jobs.TenantQueue;
import dev.strata.domain.shared.TenantId;
import java.time.Instant;
import java.util.List;

/**
 * Driven port: routing of the jobs area's background loops, which run for no tenant. It tells which tenants and
 * queues have work (expired leases, due schedules, finished jobs past their retention) without exposing any job;
 * the loops then act as each tenant through the tenant-scoped ports. Each answer holds at most {@code limit} entries.
 */
public interface JobHousekeeping {
    /** Queues with a running job whose lease ran out by {@code now}. */
    List<TenantQueue> queuesWithExpiredLeases(Instant now, int limit);

    /** Tenants with a schedule whose next tick is due at {@code now}. */
    List<TenantId> tenantsWithDueSchedules(Instant now, int limit);

    /**
     * Queues holding completed or cancelled jobs that finished before {@code completedBefore}, or failed or dead jobs
     * that finished before {@code deadBefore}.
     */
    List<TenantQueue> queuesWithExpiredFinishedJobs(Instant completedBefore, Instant deadBefore, int limit);
}

package dev.strata.domain.jobs;

import dev.strata.domain.jobs.port.JobHousekeeping;
import dev.strata.domain.shared.TenantId;
import java.time.Instant;
import java.util.List;

/** In-memory fake of {@link JobHousekeeping} over an {@link InMemoryJobQueue} and its {@link InMemoryJobSchedules}. */
public final class InMemoryJobHousekeeping implements JobHousekeeping {
    private final InMemoryJobQueue queue;
    private final InMemoryJobSchedules schedules;

    public InMemoryJobHousekeeping(InMemoryJobQueue queue, InMemoryJobSchedules schedules) {
        this.queue = queue;
        this.schedules = schedules;
    }

    @Override
    public List<TenantQueue> queuesWithExpiredLeases(Instant now, int limit) {
        return queue.queuesWith(job -> job.state() == JobState.RUNNING && !job.leaseUntil().orElseThrow().isAfter(now))
                .stream().limit(limit).toList();
    }

    @Override
    public List<TenantId> tenantsWithDueSchedules(Instant now, int limit) {
        return schedules.tenantsDueAt(now).stream().limit(limit).toList();
    }

    @Override
    public List<TenantQueue> queuesWithExpiredFinishedJobs(Instant completedBefore, Instant deadBefore, int limit) {
        return queue.queuesWith(job -> InMemoryJobQueue.expiredFinished(job, completedBefore, deadBefore)).stream()
                .limit(limit).toList();
    }
}

package dev.strata.application.jobs;

import dev.strata.application.jobs.port.ManageJobsUseCase;
import dev.strata.application.jobs.port.ManageSchedulesUseCase;
import dev.strata.application.jobs.port.RunJobHousekeepingUseCase;
import dev.strata.domain.jobs.TenantQueue;
import dev.strata.domain.jobs.port.JobHousekeeping;
import dev.strata.domain.jobs.port.JobQueue;
import dev.strata.domain.shared.Clock;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.IntSupplier;

/**
 * Service of the jobs background loops: asks {@link JobHousekeeping} which tenants and queues have work and acts as
 * each of them through the tenant-scoped use cases (so reaps and fired ticks are published like any other change)
 * and, for retention, the queue port directly (deleting finished jobs changes no state and publishes nothing).
 * Exactly-once comes from the stores: a reap skips locked leases, a tick fires only for the instance whose
 * conditional update moved it, a delete removes a row once.
 */
public class JobHousekeepingService implements RunJobHousekeepingUseCase {
    /** Most batches one retention round deletes per queue. */
    static final int PURGE_PASSES = 10;
    private final JobHousekeeping routing;
    private final ManageJobsUseCase jobs;
    private final ManageSchedulesUseCase schedules;
    private final JobQueue queue;
    private final Clock clock;
    private final Duration completedRetention;
    private final Duration deadRetention;
    private final int routeLimit;
    private final int purgeBatch;

    /**
     * @param completedRetention how long completed and cancelled jobs are kept after they finished
     * @param deadRetention      how long failed and dead jobs are kept after they finished
     * @param routeLimit         most tenants or queues one round visits
     * @param purgeBatch         most finished jobs one round deletes per queue
     */
    public JobHousekeepingService(JobHousekeeping routing, ManageJobsUseCase jobs, ManageSchedulesUseCase schedules,
                                  JobQueue queue, Clock clock, Duration completedRetention, Duration deadRetention,
                                  int routeLimit, int purgeBatch) {
        this.routing = Objects.requireNonNull(routing, "routing must not be null");
        this.jobs = Objects.requireNonNull(jobs, "jobs must not be null");
        this.schedules = Objects.requireNonNull(schedules, "schedules must not be null");
        this.queue = Objects.requireNonNull(queue, "queue must not be null");
        this.clock = Objects.requireNonNull(clock, "clock must not be null");
        if (completedRetention.isNegative() || deadRetention.isNegative() || routeLimit < 1 || purgeBatch < 1) {
            throw new IllegalArgumentException("retentions must not be negative, limits at least 1");
        }
        this.completedRetention = completedRetention;
        this.deadRetention = deadRetention;
        this.routeLimit = routeLimit;
        this.purgeBatch = purgeBatch;
    }

    @Override
    public int reapExpiredLeases() {
        Round round = new Round();
        for (TenantQueue target : routing.queuesWithExpiredLeases(clock.now(), routeLimit)) {
            round.run(target.tenant(), () -> jobs.reapExpired(target.queue()));
        }
        return round.done();
    }

    @Override
    public int fireDueSchedules() {
        Round round = new Round();
        for (TenantId tenant : routing.tenantsWithDueSchedules(clock.now(), routeLimit)) {
            round.run(tenant, schedules::fireDueTicks);
        }
        return round.done();
    }

    @Override
    public int purgeFinished() {
        Instant now = clock.now();
        Instant completedBefore = now.minus(completedRetention);
        Instant deadBefore = now.minus(deadRetention);
        Round round = new Round();
        // a backlog (retention shortened, loop stopped for long) goes in several batches, a bounded number per round
        for (int pass = 0; pass < PURGE_PASSES; pass++) {
            boolean full = false;
            for (TenantQueue target : routing.queuesWithExpiredFinishedJobs(completedBefore, deadBefore, routeLimit)) {
                int deleted = round.run(target.tenant(),
                        () -> queue.purgeFinished(target.queue(), completedBefore, deadBefore, purgeBatch));
                full |= deleted == purgeBatch;
            }
            if (!full || round.failure != null) {
                break;
            }
        }
        return round.done();
    }

    /**
     * One round over several tenants: a tenant whose work fails does not keep the others waiting; the first failure
     * is raised once all were visited, so that the loop reports it.
     */
    private static final class Round {
        private int done;
        private RuntimeException failure;

        int run(TenantId tenant, IntSupplier work) {
            try {
                int n = TenantContext.callAs(tenant, work::getAsInt);
                done += n;
                return n;
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                }
                return 0;
            }
        }

        int done() {
            if (failure != null) {
                throw failure;
            }
            return done;
        }
    }
}

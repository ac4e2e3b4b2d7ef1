package dev.strata.bootstrap;

import dev.strata.application.events.RelayWorker;
import dev.strata.application.jobs.JobHousekeepingService;
import dev.strata.application.jobs.JobsService;
import dev.strata.application.jobs.port.RunJobHousekeepingUseCase;
import dev.strata.domain.events.port.EventLog;
import dev.strata.domain.jobs.port.JobHousekeeping;
import dev.strata.domain.jobs.port.JobQueue;
import dev.strata.domain.jobs.port.JobSchedules;
import dev.strata.domain.shared.Clock;
import dev.strata.domain.shared.UnitOfWork;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/**
 * Wiring of the job and schedule use cases (one service, its changes published through the events relay) and of the
 * background housekeeping over all tenants.
 */
@Factory
class JobsFactory {
    @Singleton
    // The one service implements both jobs use cases; Micronaut injects it wherever one is asked for.
    JobsService jobsService(JobQueue queue, JobSchedules schedules, EventLog log, UnitOfWork unitOfWork, Clock clock,
                            RelayWorker relay, QuotaSettings quotas) {
        return new JobsService(queue, schedules, log, unitOfWork, clock, relay::wake, quotas.waitingJobsQuota());
    }

    @Singleton
    RunJobHousekeepingUseCase jobHousekeeping(JobHousekeeping routing, JobsService jobs, JobQueue queue, Clock clock,
                                              JobsSettings settings, JobsRetentionSettings retention) {
        return new JobHousekeepingService(routing, jobs, jobs, queue, clock, retention.completed(), retention.dead(),
                settings.housekeepingBatch(), retention.batch());
    }
}

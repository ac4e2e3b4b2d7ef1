package dev.strata.bootstrap;

import dev.strata.application.events.RelayWorker;
import dev.strata.application.jobs.ClaimWaits;
import dev.strata.application.jobs.JobHousekeepingService;
import dev.strata.application.jobs.JobsService;
import dev.strata.application.jobs.port.RunJobHousekeepingUseCase;
import dev.strata.domain.events.port.EventStream;
import dev.strata.domain.events.port.EventLog;
import dev.strata.domain.jobs.port.JobHousekeeping;
import dev.strata.domain.jobs.port.JobQueue;
import dev.strata.domain.jobs.port.JobSchedules;
import dev.strata.domain.shared.Clock;
import dev.strata.domain.shared.UnitOfWork;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Wiring of the job and schedule use cases (one service, its changes published through the events relay) and of the
 * background housekeeping over all tenants.
 */
@Factory
class JobsFactory {
    @Singleton
    // The one service implements both jobs use cases; Micronaut injects it wherever one is asked for.
    JobsService jobsService(JobQueue queue, JobSchedules schedules, EventLog log, UnitOfWork unitOfWork, Clock clock,
                            RelayWorker relay, QuotaSettings quotas, EventStream stream,
                            @Named("job-claims") ScheduledExecutorService claims, JobClaimSettings settings) {
        return new JobsService(queue, schedules, log, unitOfWork, clock, relay::wake, quotas.waitingJobsQuota(),
                new ClaimWaits(stream, claims, settings.pollInterval(), quotas.waitingClaimsQuota()));
    }

    @Singleton
    @Named("job-claims")
    @Bean(preDestroy = "shutdownNow")
    // waiting claims wake on the queue's live events (the relay publishes every change through Redis Pub/Sub)
    ScheduledExecutorService jobClaims(JobClaimSettings settings) {
        return Executors.newScheduledThreadPool(Math.max(1, settings.threads()), runnable -> {
            Thread thread = new Thread(runnable, "strata-jobs-claims");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Singleton
    RunJobHousekeepingUseCase jobHousekeeping(JobHousekeeping routing, JobsService jobs, JobQueue queue, Clock clock,
                                              JobsSettings settings, JobsRetentionSettings retention) {
        return new JobHousekeepingService(routing, jobs, jobs, queue, clock, retention.completed(), retention.dead(),
                settings.housekeepingBatch(), retention.batch());
    }
}

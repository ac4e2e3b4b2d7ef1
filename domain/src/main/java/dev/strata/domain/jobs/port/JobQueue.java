package dev.strata.domain.jobs.port;

import dev.strata.domain.jobs.Claimed;
import dev.strata.domain.jobs.Enqueued;
import dev.strata.domain.jobs.Job;
import dev.strata.domain.jobs.JobChange;
import dev.strata.domain.jobs.JobId;
import dev.strata.domain.jobs.JobPage;
import dev.strata.domain.jobs.JobSpec;
import dev.strata.domain.jobs.JobState;
import dev.strata.domain.jobs.Progress;
import dev.strata.domain.jobs.QueueName;
import dev.strata.domain.jobs.QueueSettings;
import dev.strata.domain.jobs.QueueStats;
import dev.strata.domain.shared.Quota;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Driven port: the durable job queues of the current tenant. Every method takes "now" from the caller, so that all
 * instances (and tests) agree on time through one {@code Clock}. A job is held by the worker that claimed it while
 * it is running; only that worker may heartbeat, complete or fail it. A lease that runs out counts as a failed
 * attempt and puts the job back (or makes it dead). Every method that changes a job returns the {@link JobChange}s it
 * made, for the caller to publish in the same unit of work; nothing here publishes events itself.
 * Unknown job ids (or another tenant's) are a {@code NotFoundException} with code {@code jobs.not_found}.
 */
public interface JobQueue {
    /**
     * Enqueues a job (waiting, or delayed until its first run). With a unique key, while a job of the queue with the
     * same key is pending or running, answers that job instead and creates nothing. With a {@code waitingQuota}, a
     * tenant may hold at most that many pending jobs (else {@code QuotaExceededException}); null means no quota.
     */
    Enqueued enqueue(QueueName queue, JobSpec spec, Instant now, Quota waitingQuota);

    /** Most jobs one call of {@link #enqueueAll} takes (and so one transaction adds to a tenant's pending jobs). */
    int MAX_ENQUEUE_BATCH = 64;

    /**
     * Enqueues several jobs of one queue together, in the caller's transaction (or one of its own): one answer per
     * spec, in order, each as {@link #enqueue} would give it, in the order given (a later spec with the unique key
     * of an earlier one answers the earlier job). All or nothing: when one of them cannot be enqueued (the quota),
     * it throws and none is. At most {@link #MAX_ENQUEUE_BATCH} specs.
     */
    default List<Enqueued> enqueueAll(QueueName queue, List<JobSpec> specs, Instant now, Quota waitingQuota) {
        if (specs.size() > MAX_ENQUEUE_BATCH) {
            throw new IllegalArgumentException("at most " + MAX_ENQUEUE_BATCH + " jobs per enqueueAll");
        }
        return specs.stream().map(spec -> enqueue(queue, spec, now, waitingQuota)).toList();
    }

    /**
     * Leases up to {@code count} due pending jobs of the queue (of {@code types} only, unless empty) to
     * {@code worker}: highest priority first, then by run time, then in order of enqueueing. Claims nothing while the
     * queue is paused and never lets more than its concurrency run at once, across all instances. Expired leases of
     * the queue are reaped first. Each claimed job is running with one more attempt and a lease until
     * {@code now + timeoutSeconds}.
     */
    Claimed claim(QueueName queue, String worker, int count, Set<String> types, Instant now);

    /**
     * The earliest instant after {@code now} at which the queue may have a job to claim that it has not now: the
     * first run time of a pending job (of {@code types} only, unless empty) or the end of a running job's lease.
     * Empty when neither exists. Waiting claims sleep until then at the latest.
     */
    Optional<Instant> nextDueAfter(QueueName queue, Set<String> types, Instant now);

    /**
     * Extends the lease of a running job held by {@code worker} to {@code now + timeoutSeconds} and records the
     * progress if given; empty when the worker does not hold it (any more).
     */
    Optional<Job> heartbeat(JobId id, String worker, Optional<Progress> progress, Instant now);

    /** Completes a job held by {@code worker}, keeping its result; empty when the worker does not hold it. */
    Optional<JobChange> complete(JobId id, String worker, Optional<String> result, Instant now);

    /**
     * Fails the current attempt of a job held by {@code worker}: with {@code retry} and attempts left it is delayed
     * by its backoff; with {@code retry} and none left it is dead; without {@code retry} it is failed for good.
     * Empty when the worker does not hold it.
     */
    Optional<JobChange> fail(JobId id, String worker, String error, boolean retry, Instant now);

    /** Treats running jobs of the queue whose lease ran out by {@code now} as failed attempts (at most {@code limit}). */
    List<JobChange> reapExpired(QueueName queue, Instant now, int limit);

    /**
     * Deletes at most {@code limit} finished jobs of the queue: completed or cancelled ones that finished before
     * {@code completedBefore}, failed or dead ones that finished before {@code deadBefore}; returns how many.
     */
    int purgeFinished(QueueName queue, Instant completedBefore, Instant deadBefore, int limit);

    Optional<Job> find(JobId id);

    /** Cancels a waiting or delayed job; empty (nothing changed) when it is in any other state. */
    Optional<JobChange> cancel(JobId id, Instant now);

    /** Makes a dead or failed job waiting again with a fresh set of attempts; empty in any other state. */
    Optional<JobChange> retry(JobId id, Instant now);

    /** Makes every dead job of the queue waiting again with a fresh set of attempts. */
    List<JobChange> retryDead(QueueName queue, Instant now);

    /** Jobs per state and the age of the oldest due pending job at {@code now}. */
    QueueStats stats(QueueName queue, Instant now);

    /** The queue's jobs in {@code state}, oldest first, {@code limit} (1..1000) per page after {@code cursor}. */
    JobPage list(QueueName queue, JobState state, Optional<String> cursor, int limit);

    /** The queue's settings ({@link QueueSettings#DEFAULT} for a queue never configured). */
    QueueSettings settings(QueueName queue);

    /** Sets the queue's concurrency and rate (empty = unlimited), keeping its pause state; returns the settings. */
    QueueSettings configure(QueueName queue, OptionalInt concurrency, Optional<Double> ratePerSecond);

    /** Pauses or resumes claims on the queue; a pause holds for every claim that starts after it returns. */
    QueueSettings setPaused(QueueName queue, boolean paused);
}

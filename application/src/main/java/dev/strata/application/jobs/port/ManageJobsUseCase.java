package dev.strata.application.jobs.port;

import dev.strata.domain.jobs.Enqueued;
import dev.strata.domain.jobs.Job;
import dev.strata.domain.jobs.JobId;
import dev.strata.domain.jobs.JobPage;
import dev.strata.domain.jobs.JobState;
import dev.strata.domain.jobs.Progress;
import dev.strata.domain.jobs.QueueName;
import dev.strata.domain.jobs.QueueSettings;
import dev.strata.domain.jobs.QueueStats;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;

/**
 * Use case: the job queues of the current tenant ({@code /v1/queues}, {@code /v1/jobs}) — enqueue, claim, heartbeat,
 * complete, fail, read, cancel, retry, list, stats and queue settings. Every state change is published on the queue's
 * topic {@code jobs.{q}} in the same transaction. Unknown or foreign jobs are {@code jobs.not_found}; a worker that
 * does not hold a job's lease is {@code jobs.not_held} (409).
 */
public interface ManageJobsUseCase {
    Enqueued enqueue(EnqueueJobCommand command);

    /** Claims, waiting up to {@code waitMs} for a job; blocks the calling thread while it waits. */
    List<Job> claim(ClaimJobsCommand command);

    /**
     * Claims like {@link #claim}, answering at once when a job is claimable or no wait is asked, and otherwise
     * completing later without holding the calling thread or a connection while it waits.
     */
    CompletableFuture<List<Job>> claimAsync(ClaimJobsCommand command);

    Job heartbeat(JobId id, String worker, Optional<Progress> progress);

    Job complete(JobId id, String worker, Optional<String> result);

    Job fail(JobId id, String worker, String error, boolean retry);

    Job get(JobId id);

    /** Cancels a waiting or delayed job; {@code jobs.not_cancellable} (409) in any other state. */
    Job cancel(JobId id);

    /** Makes a dead or failed job of {@code queue} waiting again; {@code jobs.not_retryable} (409) otherwise. */
    Job retry(QueueName queue, JobId id);

    /** Makes every dead job of the queue waiting again; how many. */
    int retryDead(QueueName queue);

    QueueStats stats(QueueName queue);

    JobPage list(QueueName queue, JobState state, Optional<String> cursor, int limit);

    QueueSettings settings(QueueName queue);

    QueueSettings configure(QueueName queue, OptionalInt concurrency, Optional<Double> ratePerSecond);

    QueueSettings setPaused(QueueName queue, boolean paused);

    /** Treats the queue's running jobs whose lease ran out as failed attempts; how many. */
    int reapExpired(QueueName queue);
}

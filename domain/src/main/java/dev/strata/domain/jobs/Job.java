package dev.strata.domain.jobs;

import dev.strata.domain.shared.InvalidInputException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Value object: a job as stored — what its creator asked for, where it stands ({@link JobState}), how many attempts it
 * has had, its progress, last error and result, the worker holding its lease and until when, and its timestamps.
 * {@code runAt} is when it may run next (the first run, or the retry after a backoff).
 */
public record Job(JobId id, QueueName queue, String type, String payload, boolean secretPayload, JobState state,
                  int priority, int attempts, int maxAttempts, Backoff backoff, int timeoutSeconds,
                  Optional<String> uniqueKey, Progress progress, Optional<String> lastError, Optional<String> result,
                  Optional<String> worker, Optional<Instant> leaseUntil, Instant createdAt, Instant runAt,
                  Optional<Instant> startedAt, Optional<Instant> finishedAt, Instant updatedAt) {
    /** The longest error message kept, in characters; longer ones are cut. */
    public static final int MAX_ERROR_LENGTH = 4000;

    public Job {
        Objects.requireNonNull(id, "id must not be null");
        Objects.requireNonNull(queue, "queue must not be null");
        Objects.requireNonNull(type, "type must not be null");
        Objects.requireNonNull(payload, "payload must not be null");
        Objects.requireNonNull(state, "state must not be null");
        Objects.requireNonNull(backoff, "backoff must not be null");
        Objects.requireNonNull(uniqueKey, "uniqueKey must not be null");
        Objects.requireNonNull(progress, "progress must not be null");
        Objects.requireNonNull(lastError, "lastError must not be null");
        Objects.requireNonNull(result, "result must not be null");
        Objects.requireNonNull(worker, "worker must not be null");
        Objects.requireNonNull(leaseUntil, "leaseUntil must not be null");
        Objects.requireNonNull(createdAt, "createdAt must not be null");
        Objects.requireNonNull(runAt, "runAt must not be null");
        Objects.requireNonNull(startedAt, "startedAt must not be null");
        Objects.requireNonNull(finishedAt, "finishedAt must not be null");
        Objects.requireNonNull(updatedAt, "updatedAt must not be null");
    }

    /** The payload for anything that leaves the store (events, logs): empty when its creator marked it secret. */
    public Optional<String> publicPayload() {
        return secretPayload ? Optional.empty() : Optional.of(payload);
    }

    /** True while {@code worker} holds this job's lease: it is running and was claimed by that worker. */
    public boolean heldBy(String worker) {
        return state == JobState.RUNNING && this.worker.map(worker::equals).orElse(false);
    }

    /**
     * The state a failed attempt leads to: without {@code retry} failed for good; with it delayed for the backoff
     * while attempts are left, else dead.
     */
    public JobState stateAfterFailure(boolean retry) {
        if (!retry) {
            return JobState.FAILED;
        }
        return attempts >= maxAttempts ? JobState.DEAD : JobState.DELAYED;
    }

    /** When a job whose current attempt failed at {@code now} runs again: after its backoff, with jitter. */
    public Instant retryAt(Instant now, double unitRandom) {
        return now.plus(backoff.delay(Math.max(1, attempts), unitRandom));
    }

    /** Checks a worker name: 1..200 characters, no control characters; names {@code worker}. */
    public static String checkWorker(String worker) {
        if (worker == null || worker.isBlank() || worker.length() > 200 || JobSpec.hasControl(worker)) {
            throw new InvalidInputException("worker", "worker must be 1..200 characters without control characters");
        }
        return worker;
    }

    /** Checks a failure's error text (required, cut to {@link #MAX_ERROR_LENGTH}); names {@code error}. */
    public static String checkError(String error) {
        if (error == null || error.isBlank()) {
            throw new InvalidInputException("error", "error must be given");
        }
        return error.length() > MAX_ERROR_LENGTH ? error.substring(0, MAX_ERROR_LENGTH) : error;
    }

    /** Checks a result: JSON text of at most {@link JobSpec#MAX_PAYLOAD_BYTES} bytes; names {@code result}. */
    public static String checkResult(String result) {
        try {
            return JobSpec.checkPayload(result);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(e.code(), "result", e.getMessage().replace("payload", "result"));
        }
    }

    @Override
    public String toString() {
        return "Job[" + id + " " + queue + "/" + type + " " + state.wire() + " attempts=" + attempts + "/" + maxAttempts
                + "]";
    }
}

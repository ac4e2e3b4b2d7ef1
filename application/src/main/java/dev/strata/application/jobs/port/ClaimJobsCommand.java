package dev.strata.application.jobs.port;

import dev.strata.domain.jobs.Claimed;
import dev.strata.domain.jobs.Job;
import dev.strata.domain.jobs.JobSpec;
import dev.strata.domain.jobs.QueueName;
import dev.strata.domain.shared.InvalidInputException;
import java.util.Objects;
import java.util.Set;

/**
 * Command: lease up to {@code count} jobs of {@code queue} (of {@code types} only, unless empty) to {@code worker},
 * waiting up to {@code waitMs} for one to become claimable.
 */
public record ClaimJobsCommand(QueueName queue, String worker, int count, Set<String> types, long waitMs) {
    /** The longest a claim waits for jobs, in milliseconds. */
    public static final long MAX_WAIT_MS = 30_000;

    public ClaimJobsCommand {
        Objects.requireNonNull(queue, "queue must not be null");
        Job.checkWorker(worker);
        Claimed.checkCount(count);
        types = Set.copyOf(Objects.requireNonNull(types, "types must not be null"));
        types.forEach(JobSpec::checkType);
        if (waitMs < 0 || waitMs > MAX_WAIT_MS) {
            throw new InvalidInputException("waitMs", "waitMs must be 0.." + MAX_WAIT_MS);
        }
    }
}

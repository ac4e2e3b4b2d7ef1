package dev.strata.domain.jobs;

import java.util.Objects;
import java.util.Optional;

/**
 * Value object: the answer to an enqueue — the job, and the change to publish when it was created; a duplicate of a
 * pending or running job with the same unique key answers that first job and changes nothing.
 */
public record Enqueued(Job job, boolean created) {
    public Enqueued {
        Objects.requireNonNull(job, "job must not be null");
    }

    /** The change to publish: present only when the job was created. */
    public Optional<JobChange> change() {
        return created ? Optional.of(JobChange.created(job)) : Optional.empty();
    }
}

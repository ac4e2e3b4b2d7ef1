package dev.strata.domain.jobs;

import java.util.Objects;
import java.util.Optional;

/**
 * Value object: one state change of a job, as the store made it — the job after the change and the state before
 * (empty for a new job). The caller publishes it as an event on {@link QueueName#topic()} in the same transaction;
 * {@link Job#publicPayload()} keeps a secret payload out of it.
 */
public record JobChange(Job job, Optional<JobState> previous) {
    public JobChange {
        Objects.requireNonNull(job, "job must not be null");
        Objects.requireNonNull(previous, "previous must not be null");
    }

    public static JobChange created(Job job) {
        return new JobChange(job, Optional.empty());
    }

    public static JobChange of(JobState previous, Job job) {
        return new JobChange(job, Optional.of(previous));
    }

    /** The event type of the change: {@code job.<new state>}, e.g. {@code job.completed}. */
    public String eventType() {
        return "job." + job.state().wire();
    }
}

package dev.strata.application.jobs.port;

import dev.strata.domain.jobs.JobSpec;
import dev.strata.domain.jobs.QueueName;
import java.util.Objects;
import java.util.Optional;

/** Command: enqueue {@code spec} on {@code queue}; an {@code Idempotency-Key} dedups like a unique key. */
public record EnqueueJobCommand(QueueName queue, JobSpec spec, Optional<String> idempotencyKey) {
    public EnqueueJobCommand {
        Objects.requireNonNull(queue, "queue must not be null");
        Objects.requireNonNull(spec, "spec must not be null");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey must not be null");
    }
}

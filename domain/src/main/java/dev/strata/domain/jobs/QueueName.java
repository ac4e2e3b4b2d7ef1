package dev.strata.domain.jobs;

import dev.strata.domain.shared.ResourceName;

/** Value object: the name of a job queue (the rules of {@link ResourceName}, naming the field {@code queue}). */
public record QueueName(String value) {
    public QueueName {
        ResourceName.of("queue", value);
    }

    /** The events topic that carries this queue's state changes: {@code jobs.{queue}}. */
    public String topic() {
        return "jobs." + value;
    }

    @Override
    public String toString() {
        return value;
    }
}

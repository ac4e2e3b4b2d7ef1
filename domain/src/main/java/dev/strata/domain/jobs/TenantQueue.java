package dev.strata.domain.jobs;

import dev.strata.domain.shared.TenantId;
import java.util.Objects;

/** Value object: one tenant's queue, as the background loops that run for no tenant are routed to it. */
public record TenantQueue(TenantId tenant, QueueName queue) {
    public TenantQueue {
        Objects.requireNonNull(tenant, "tenant must not be null");
        Objects.requireNonNull(queue, "queue must not be null");
    }
}

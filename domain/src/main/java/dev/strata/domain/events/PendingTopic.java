package dev.strata.domain.events;

import dev.strata.domain.shared.TenantId;
import java.util.Objects;

/** Value object: a topic of a tenant that has committed events the relay has not moved to the stream yet. */
public record PendingTopic(TenantId tenant, Topic topic) {
    public PendingTopic {
        Objects.requireNonNull(tenant, "tenant must not be null");
        Objects.requireNonNull(topic, "topic must not be null");
    }
}

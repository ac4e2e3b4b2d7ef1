package dev.strata.application.operations.port;

import dev.strata.domain.cache.Tag;
import dev.strata.domain.shared.InvalidInputException;
import dev.strata.domain.shared.ResourceName;
import java.util.Optional;

/**
 * Command: a dashboard invalidation by {@code actor} (a client or user id) — the whole {@code namespace}, or,
 * with a {@code tag}, only that namespace's entries carrying it (tags live inside a namespace).
 */
public record InvalidateCacheAsAdminCommand(String actor, ResourceName namespace, Optional<Tag> tag) {
    public InvalidateCacheAsAdminCommand {
        if (actor == null || actor.isEmpty()) {
            throw new InvalidInputException("actor", "actor must not be empty");
        }
        if (namespace == null) {
            throw new InvalidInputException("namespace", "namespace is required");
        }
        tag = tag == null ? Optional.empty() : tag;
    }

    /** What the audit log names as the target: {@code namespace} or {@code namespace#tag}. */
    public String target() {
        return tag.map(t -> namespace.value() + "#" + t.value()).orElse(namespace.value());
    }
}

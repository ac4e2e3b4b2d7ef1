package dev.strata.adapters.http.operations;

import dev.strata.application.operations.port.InvalidateCacheAsAdminCommand;
import dev.strata.domain.cache.Tag;
import dev.strata.domain.shared.InvalidInputException;
import dev.strata.domain.shared.ResourceName;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Optional;

/**
 * Request of {@code POST /v1/admin/cache/invalidate}: a {@code namespace} (required) and, to invalidate only the
 * entries carrying it, one {@code tag} of that namespace.
 */
@Serdeable
public record AdminCacheInvalidateRequest(@Nullable String namespace, @Nullable String tag) {

    /** The command for {@code actor}; a missing or invalid field is invalid input naming it. */
    InvalidateCacheAsAdminCommand commandFor(String actor) {
        if (namespace == null || namespace.isEmpty()) {
            throw new InvalidInputException("namespace", "namespace is required (add tag to invalidate only its entries)");
        }
        ResourceName name = ResourceName.of("namespace", namespace);
        Optional<Tag> only = tag == null ? Optional.empty() : Optional.of(Tag.of("tag", tag));
        return new InvalidateCacheAsAdminCommand(actor, name, only);
    }
}

package dev.strata.domain.vectors;

import dev.strata.domain.shared.InvalidInputException;
import dev.strata.domain.shared.ResourceName;

/**
 * Value object: a collection as it stands — its definition, how many items it holds, and its version, which
 * grows on every write that changes the collection and is never reused, not even for a deleted and
 * re-created collection of the same name (so results cached under an older version can never be served again).
 */
public record CollectionInfo(CollectionDefinition definition, long count, long version) {
    public CollectionInfo {
        if (definition == null) {
            throw new InvalidInputException("definition", "definition must not be null");
        }
        if (count < 0) {
            throw new InvalidInputException("count", "count must not be negative");
        }
    }

    /** The collection's name. */
    public ResourceName name() {
        return definition.name();
    }
}

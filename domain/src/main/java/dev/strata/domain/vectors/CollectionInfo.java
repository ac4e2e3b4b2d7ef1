package dev.strata.domain.vectors;

import dev.strata.domain.shared.InvalidInputException;

/**
 * Value object: a collection as it stands — its settings, how many items it holds, and its version, which
 * grows on every write and is never reused for the same name (so cached search results of an older
 * version, or of a deleted and re-created collection, can never be served again).
 */
public record CollectionInfo(Collection settings, long count, long version) {
    public CollectionInfo {
        if (settings == null) {
            throw new InvalidInputException("settings", "settings must not be null");
        }
        if (count < 0) {
            throw new InvalidInputException("count", "count must not be negative");
        }
    }
}

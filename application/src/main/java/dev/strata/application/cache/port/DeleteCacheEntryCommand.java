package dev.strata.application.cache.port;

import dev.strata.domain.cache.CacheKey;
import dev.strata.domain.shared.InvalidInputException;

/** Command: remove one key. */
public record DeleteCacheEntryCommand(CacheKey key) {
    public DeleteCacheEntryCommand {
        if (key == null) {
            throw new InvalidInputException("key", "key must not be null");
        }
    }
}

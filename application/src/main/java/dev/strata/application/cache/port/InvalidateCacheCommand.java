package dev.strata.application.cache.port;

import dev.strata.domain.cache.CacheKey;
import dev.strata.domain.cache.Invalidation;
import dev.strata.domain.cache.Tag;
import dev.strata.domain.shared.InvalidInputException;
import dev.strata.domain.shared.ResourceName;
import java.util.Optional;
import java.util.Set;

/** Command: invalidate some keys, the entries carrying some tags, and/or the keys starting with a prefix (at least one). */
public record InvalidateCacheCommand(ResourceName namespace, Set<String> keys, Set<Tag> tags, Optional<String> prefix) {
    public InvalidateCacheCommand {
        if (namespace == null) {
            throw new InvalidInputException("namespace", "namespace must not be null");
        }
        keys = keys == null ? Set.of() : Set.copyOf(keys);
        tags = tags == null ? Set.of() : Set.copyOf(tags);
        prefix = prefix == null ? Optional.empty() : prefix;
        if (keys.isEmpty() && tags.isEmpty() && prefix.isEmpty()) {
            throw new InvalidInputException(null, "name at least one of keys, tags or prefix");
        }
        if (keys.size() > Invalidation.MAX_ITEMS) {
            throw new InvalidInputException("keys", "keys must name at most " + Invalidation.MAX_ITEMS + " keys");
        }
        if (tags.size() > Invalidation.MAX_ITEMS) {
            throw new InvalidInputException("tags", "tags must name at most " + Invalidation.MAX_ITEMS + " tags");
        }
        keys.forEach(key -> CacheKey.requireValidKey("keys", key));
        prefix.ifPresent(p -> CacheKey.requireValidKey("prefix", p));
    }
}

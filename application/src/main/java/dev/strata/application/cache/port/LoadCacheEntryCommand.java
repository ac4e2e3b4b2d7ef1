package dev.strata.application.cache.port;

import dev.strata.domain.cache.CacheKey;
import dev.strata.domain.cache.CacheValue;
import dev.strata.domain.cache.NamespaceSettings;
import dev.strata.domain.cache.Tag;
import dev.strata.domain.shared.InvalidInputException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/** Command: the key, how to load its value on a miss (empty: nothing to cache), and the TTL and tags of what is loaded. */
public record LoadCacheEntryCommand(CacheKey key, Supplier<Optional<CacheValue>> loader, Optional<Duration> ttl, Set<Tag> tags) {
    public LoadCacheEntryCommand {
        if (key == null) {
            throw new InvalidInputException("key", "key must not be null");
        }
        if (loader == null) {
            throw new InvalidInputException("loader", "loader must not be null");
        }
        ttl = ttl == null ? Optional.empty() : ttl;
        ttl.ifPresent(t -> NamespaceSettings.requireTtl("ttl", t));
        tags = tags == null ? Set.of() : Set.copyOf(tags);
    }
}

package dev.strata.application.cache.port;

import dev.strata.domain.cache.CacheEntry;
import dev.strata.domain.cache.CacheKey;
import dev.strata.domain.cache.CacheValue;
import dev.strata.domain.cache.ETag;
import dev.strata.domain.cache.LeaseToken;
import dev.strata.domain.cache.NamespaceSettings;
import dev.strata.domain.cache.Tag;
import dev.strata.domain.shared.InvalidInputException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Command: store {@code value} under {@code key} for {@code ttl} (the namespace's default when empty) with
 * {@code tags}; {@code ifMatch} makes it conditional on the current ETag, {@code lease} fills a leased miss.
 */
public record PutCacheEntryCommand(CacheKey key, CacheValue value, Optional<Duration> ttl, Set<Tag> tags,
                                   Optional<ETag> ifMatch, Optional<LeaseToken> lease) {
    public PutCacheEntryCommand {
        if (key == null) {
            throw new InvalidInputException("key", "key must not be null");
        }
        if (value == null) {
            throw new InvalidInputException("value", "value must not be null");
        }
        ttl = ttl == null ? Optional.empty() : ttl;
        ttl.ifPresent(t -> NamespaceSettings.requireTtl("ttl", t));
        if (tags == null) {
            tags = Set.of();
        }
        if (tags.size() > CacheEntry.MAX_TAGS) {
            throw new InvalidInputException("tags", "tags must hold at most " + CacheEntry.MAX_TAGS + " tags");
        }
        tags = Set.copyOf(tags);
        ifMatch = ifMatch == null ? Optional.empty() : ifMatch;
        lease = lease == null ? Optional.empty() : lease;
    }

    public static PutCacheEntryCommand of(CacheKey key, CacheValue value) {
        return new PutCacheEntryCommand(key, value, Optional.empty(), Set.of(), Optional.empty(), Optional.empty());
    }
}

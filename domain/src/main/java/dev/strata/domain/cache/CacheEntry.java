package dev.strata.domain.cache;

import dev.strata.domain.shared.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/** Entity: what one cache tier holds under a key — the value, its ETag, when it expires and its tags. */
public record CacheEntry(CacheKey key, CacheValue value, ETag etag, Instant expiresAt, Set<Tag> tags) {
    /** The most tags one entry may carry. */
    public static final int MAX_TAGS = 32;

    public CacheEntry {
        if (key == null) {
            throw new InvalidInputException("key", "key must not be null");
        }
        if (value == null) {
            throw new InvalidInputException("value", "value must not be null");
        }
        if (etag == null) {
            throw new InvalidInputException("etag", "etag must not be null");
        }
        if (expiresAt == null) {
            throw new InvalidInputException("expiresAt", "expiresAt must not be null");
        }
        if (tags == null) {
            throw new InvalidInputException("tags", "tags must not be null");
        }
        if (tags.size() > MAX_TAGS) {
            throw new InvalidInputException("tags", "tags must hold at most " + MAX_TAGS + " tags");
        }
        tags = Set.copyOf(tags);
    }

    /** An entry whose ETag is derived from the value's content. */
    public static CacheEntry of(CacheKey key, CacheValue value, Instant expiresAt, Set<Tag> tags) {
        return new CacheEntry(key, value, ETag.of(value), expiresAt, tags);
    }

    /** True while the entry may still be served at {@code now}. */
    public boolean isLiveAt(Instant now) {
        return now.isBefore(expiresAt);
    }

    /** Time left at {@code now}, never negative (for {@code Cache-Control: max-age}). */
    public Duration remainingAt(Instant now) {
        Duration left = Duration.between(now, expiresAt);
        return left.isNegative() ? Duration.ZERO : left;
    }
}

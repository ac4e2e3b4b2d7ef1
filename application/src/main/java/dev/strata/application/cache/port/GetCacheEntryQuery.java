package dev.strata.application.cache.port;

import dev.strata.domain.cache.CacheKey;
import dev.strata.domain.shared.InvalidInputException;
import java.time.Duration;

/**
 * Query: one key; {@code lease} asks for the right to fill it on a miss, {@code waitFor} (0–5 s) waits for
 * another caller's fill.
 */
public record GetCacheEntryQuery(CacheKey key, boolean lease, Duration waitFor) {
    /** The longest a reader may wait for a fill. */
    public static final Duration MAX_WAIT = Duration.ofMillis(5000);

    public GetCacheEntryQuery {
        if (key == null) {
            throw new InvalidInputException("key", "key must not be null");
        }
        if (waitFor == null || waitFor.isNegative() || waitFor.compareTo(MAX_WAIT) > 0) {
            throw new InvalidInputException("waitMs", "waitMs must be 0-" + MAX_WAIT.toMillis());
        }
    }

    public static GetCacheEntryQuery of(CacheKey key) {
        return new GetCacheEntryQuery(key, false, Duration.ZERO);
    }
}

package dev.strata.adapters.http.cache;

import dev.strata.application.cache.port.GetCacheEntryQuery;
import dev.strata.domain.cache.CacheKey;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;

/** HTTP adapter helper: {@code GET /v1/cache/{ns}/{key}?lease=&waitMs=} read into a {@link GetCacheEntryQuery}. */
final class CacheGetRequest {
    private CacheGetRequest() {
    }

    /** The read of {@code key}: {@code lease} true or false, {@code waitMs} 0 to the longest wait; else invalid input. */
    static GetCacheEntryQuery query(CacheKey key, @Nullable String lease, @Nullable String waitMs) {
        boolean wantsLease = QueryValues.flag("lease", lease);
        Duration wait = Duration.ofMillis(QueryValues.bounded("waitMs", waitMs, 0, GetCacheEntryQuery.MAX_WAIT.toMillis(), 0));
        return new GetCacheEntryQuery(key, wantsLease, wait);
    }
}

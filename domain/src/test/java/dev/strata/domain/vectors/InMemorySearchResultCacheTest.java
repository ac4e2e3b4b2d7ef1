package dev.strata.domain.vectors;

import dev.strata.domain.shared.MutableClock;
import dev.strata.domain.vectors.port.SearchResultCache;
import java.time.Duration;

class InMemorySearchResultCacheTest extends SearchResultCacheContract {
    private final MutableClock clock = drivenBy(new MutableClock());

    @Override
    protected SearchResultCache createSubject(Duration resultTtl, int maxEntries, Duration versionLease) {
        return new InMemorySearchResultCache(clock, resultTtl, maxEntries, versionLease);
    }
}

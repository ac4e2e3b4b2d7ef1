package dev.strata.domain.cache;

import dev.strata.domain.cache.port.CacheLeases;
import dev.strata.domain.shared.MutableClock;

class InMemoryCacheLeasesTest extends CacheLeasesContract {
    private final MutableClock clock = drivenBy(new MutableClock());

    @Override
    protected CacheLeases createSubject() {
        return new InMemoryCacheLeases(clock);
    }
}

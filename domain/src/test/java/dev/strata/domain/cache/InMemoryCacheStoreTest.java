package dev.strata.domain.cache;

import dev.strata.domain.cache.port.CacheStore;
import dev.strata.domain.shared.MutableClock;

class InMemoryCacheStoreTest extends CacheStoreContract {
    private final MutableClock clock = drivenBy(new MutableClock());

    @Override
    protected CacheStore createSubject() {
        return new InMemoryCacheStore(clock);
    }
}

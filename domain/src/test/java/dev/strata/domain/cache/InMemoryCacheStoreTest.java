package dev.strata.domain.cache;

import dev.strata.domain.cache.port.CacheStore;
import dev.strata.domain.shared.MutableClock;
import java.time.Duration;
import java.time.Instant;

class InMemoryCacheStoreTest extends CacheStoreContract {
    private final MutableClock clock = new MutableClock();

    @Override
    protected CacheStore createSubject() {
        return new InMemoryCacheStore(clock);
    }

    @Override
    protected Instant now() {
        return clock.now();
    }

    @Override
    protected void elapse(Duration duration) {
        clock.advance(duration);
    }
}

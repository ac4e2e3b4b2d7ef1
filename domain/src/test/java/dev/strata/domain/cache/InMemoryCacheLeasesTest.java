package dev.strata.domain.cache;

import dev.strata.domain.cache.port.CacheLeases;
import dev.strata.domain.shared.MutableClock;
import java.time.Duration;
import java.time.Instant;

class InMemoryCacheLeasesTest extends CacheLeasesContract {
    private final MutableClock clock = new MutableClock();

    @Override
    protected CacheLeases createSubject() {
        return new InMemoryCacheLeases(clock);
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

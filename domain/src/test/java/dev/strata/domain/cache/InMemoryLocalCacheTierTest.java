package dev.strata.domain.cache;

import dev.strata.domain.cache.port.LocalCacheTier;
import dev.strata.domain.shared.MutableClock;
import java.time.Duration;
import java.time.Instant;

class InMemoryLocalCacheTierTest extends LocalCacheTierContract {
    private final MutableClock clock = new MutableClock();

    @Override
    protected LocalCacheTier createSubject() {
        return new InMemoryLocalCacheTier(clock);
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

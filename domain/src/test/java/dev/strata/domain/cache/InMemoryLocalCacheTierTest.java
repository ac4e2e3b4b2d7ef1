package dev.strata.domain.cache;

import dev.strata.domain.cache.port.LocalCacheTier;
import dev.strata.domain.shared.MutableClock;

class InMemoryLocalCacheTierTest extends LocalCacheTierContract {
    private final MutableClock clock = drivenBy(new MutableClock());

    @Override
    protected LocalCacheTier createSubject() {
        return new InMemoryLocalCacheTier(clock);
    }
}

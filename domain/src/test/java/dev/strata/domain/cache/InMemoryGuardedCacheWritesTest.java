package dev.strata.domain.cache;

import dev.strata.domain.shared.MutableClock;

class InMemoryGuardedCacheWritesTest extends GuardedCacheWritesContract {
    private final MutableClock clock = drivenBy(new MutableClock());

    @Override
    protected Subject createSubject() {
        InMemoryCacheLeases stamps = new InMemoryCacheLeases(clock);
        return new Subject(new InMemoryCacheStore(clock, stamps), stamps);
    }
}

package dev.strata.domain.cache;

import dev.strata.domain.shared.MutableClock;

class InMemorySharedCacheTierTest extends SharedCacheTierContract {
    private final MutableClock clock = drivenBy(new MutableClock());

    @Override
    protected Subject createSubject() {
        InMemoryCacheLeases leases = new InMemoryCacheLeases(clock);
        return new Subject(new InMemorySharedCacheTier(clock, leases), leases, leases);
    }
}

package dev.strata.domain.cache;

import dev.strata.domain.shared.MutableClock;

class InMemoryFillStampsTest extends FillStampsContract {
    private final MutableClock clock = drivenBy(new MutableClock());

    @Override
    protected Subject createSubject() {
        InMemoryCacheLeases leases = new InMemoryCacheLeases(clock);
        return new Subject(leases, leases);
    }
}

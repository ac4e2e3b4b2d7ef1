package dev.strata.domain.sessions;

import dev.strata.domain.sessions.port.AccessRevocations;
import dev.strata.domain.shared.MutableClock;

class InMemoryAccessRevocationsTest extends AccessRevocationsContract {
    private final MutableClock clock = drivenBy(new MutableClock());

    @Override
    protected AccessRevocations createSubject() {
        return new InMemoryAccessRevocations(clock);
    }
}

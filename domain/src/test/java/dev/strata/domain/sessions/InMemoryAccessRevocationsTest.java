package dev.strata.domain.sessions;

import dev.strata.domain.sessions.port.AccessRevocations;
import dev.strata.domain.shared.MutableClock;
import java.time.Duration;
import java.time.Instant;

class InMemoryAccessRevocationsTest extends AccessRevocationsContract {
    private final MutableClock clock = new MutableClock();

    @Override
    protected AccessRevocations createSubject() {
        return new InMemoryAccessRevocations(clock);
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

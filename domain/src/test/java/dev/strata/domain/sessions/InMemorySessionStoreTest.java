package dev.strata.domain.sessions;

import dev.strata.domain.sessions.port.SessionStore;
import dev.strata.domain.shared.MutableClock;
import java.time.Duration;
import java.time.Instant;

class InMemorySessionStoreTest extends SessionStoreContract {
    private final MutableClock clock = new MutableClock();

    @Override
    protected SessionStore createSubject() {
        return new InMemorySessionStore(clock);
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

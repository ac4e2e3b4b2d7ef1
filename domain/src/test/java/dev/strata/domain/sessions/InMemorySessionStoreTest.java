package dev.strata.domain.sessions;

import dev.strata.domain.sessions.port.SessionStore;
import dev.strata.domain.shared.MutableClock;

class InMemorySessionStoreTest extends SessionStoreContract {
    private final MutableClock clock = drivenBy(new MutableClock());

    @Override
    protected SessionStore createSubject() {
        return new InMemorySessionStore(clock);
    }
}

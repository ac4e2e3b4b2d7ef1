package dev.strata.domain.sessions;

import dev.strata.domain.sessions.port.LoginAttempts;

class InMemoryLoginAttemptsTest extends LoginAttemptsContract {
    @Override
    protected LoginAttempts createSubject() {
        return new InMemoryLoginAttempts();
    }
}

package dev.strata.domain.identity;

import dev.strata.domain.identity.port.LoginAttempts;

class InMemoryLoginAttemptsTest extends LoginAttemptsContract {
    @Override
    protected LoginAttempts createSubject() {
        return new InMemoryLoginAttempts();
    }
}

package dev.strata.domain.sessions;

import dev.strata.domain.sessions.port.PasswordResets;

class InMemoryPasswordResetsTest extends PasswordResetsContract {
    @Override
    protected PasswordResets createSubject() {
        return new InMemoryPasswordResets();
    }
}

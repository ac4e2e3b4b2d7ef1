package dev.strata.domain.identity;

import dev.strata.domain.identity.port.PasswordResets;

class InMemoryPasswordResetsTest extends PasswordResetsContract {
    @Override
    protected PasswordResets createSubject() {
        return new InMemoryPasswordResets();
    }
}

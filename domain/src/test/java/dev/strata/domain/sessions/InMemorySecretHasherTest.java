package dev.strata.domain.sessions;

import dev.strata.domain.sessions.port.SecretHasher;

class InMemorySecretHasherTest extends SecretHasherContract {
    @Override
    protected SecretHasher createSubject() {
        return new InMemorySecretHasher();
    }
}

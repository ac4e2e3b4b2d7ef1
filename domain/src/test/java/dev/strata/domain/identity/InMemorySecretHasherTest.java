package dev.strata.domain.identity;

import dev.strata.domain.identity.port.SecretHasher;

class InMemorySecretHasherTest extends SecretHasherContract {
    @Override
    protected SecretHasher createSubject() {
        return new InMemorySecretHasher();
    }
}

package dev.strata.domain.secrets;

import dev.strata.domain.secrets.port.SecretStore;

class InMemorySecretStoreTest extends SecretStoreContract {
    @Override
    protected SecretStore createSubject() {
        return new InMemorySecretStore();
    }
}

package dev.strata.domain.identity;

import dev.strata.domain.identity.port.ClientRegistry;

class InMemoryClientRegistryTest extends ClientRegistryContract {
    @Override
    protected ClientRegistry createSubject() {
        return new InMemoryClientRegistry();
    }
}

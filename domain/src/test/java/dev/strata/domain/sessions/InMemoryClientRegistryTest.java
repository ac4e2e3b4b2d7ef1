package dev.strata.domain.sessions;

import dev.strata.domain.sessions.port.ClientRegistry;

class InMemoryClientRegistryTest extends ClientRegistryContract {
    @Override
    protected ClientRegistry createSubject() {
        return new InMemoryClientRegistry();
    }
}

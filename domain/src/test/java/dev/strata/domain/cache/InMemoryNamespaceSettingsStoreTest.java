package dev.strata.domain.cache;

import dev.strata.domain.cache.port.NamespaceSettingsStore;

class InMemoryNamespaceSettingsStoreTest extends NamespaceSettingsStoreContract {
    @Override
    protected NamespaceSettingsStore createSubject() {
        return new InMemoryNamespaceSettingsStore();
    }
}

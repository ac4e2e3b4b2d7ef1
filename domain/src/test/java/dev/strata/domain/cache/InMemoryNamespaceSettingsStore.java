package dev.strata.domain.cache;

import dev.strata.domain.cache.port.NamespaceSettingsStore;
import dev.strata.domain.shared.ResourceName;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** In-memory fake of {@link NamespaceSettingsStore}. Thread-safe. */
public final class InMemoryNamespaceSettingsStore implements NamespaceSettingsStore {
    private record Scoped(TenantId tenant, ResourceName namespace) {
    }

    private final Map<Scoped, NamespaceSettings> settings = new ConcurrentHashMap<>();

    @Override
    public Optional<NamespaceSettings> find(ResourceName namespace) {
        return Optional.ofNullable(settings.get(new Scoped(TenantContext.require(), namespace)));
    }

    @Override
    public void save(NamespaceSettings namespaceSettings) {
        settings.put(new Scoped(TenantContext.require(), namespaceSettings.namespace()), namespaceSettings);
    }
}

package dev.strata.domain.cache.port;

import dev.strata.domain.cache.NamespaceSettings;
import dev.strata.domain.shared.ResourceName;
import java.util.Optional;

/**
 * Driven port: the durable settings of cache namespaces (Postgres), inside the current tenant. Faults
 * surface as {@link dev.strata.domain.shared.StoreUnavailableException}.
 */
public interface NamespaceSettingsStore {
    /** The settings saved for the namespace; empty when it was never configured. */
    Optional<NamespaceSettings> find(ResourceName namespace);

    /** Saves (creates or replaces) the namespace's settings. */
    void save(NamespaceSettings settings);
}

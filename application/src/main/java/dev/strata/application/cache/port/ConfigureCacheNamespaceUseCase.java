package dev.strata.application.cache.port;

import dev.strata.domain.cache.NamespaceSettings;

/** Use case: save a namespace's settings durably; every instance drops its copy of the settings and its L1 entries. */
public interface ConfigureCacheNamespaceUseCase {
    NamespaceSettings configure(ConfigureCacheNamespaceCommand command);
}

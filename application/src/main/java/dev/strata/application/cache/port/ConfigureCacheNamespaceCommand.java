package dev.strata.application.cache.port;

import dev.strata.domain.cache.NamespaceSettings;
import dev.strata.domain.shared.InvalidInputException;

/** Command: the new settings of one namespace. */
public record ConfigureCacheNamespaceCommand(NamespaceSettings settings) {
    public ConfigureCacheNamespaceCommand {
        if (settings == null) {
            throw new InvalidInputException("settings", "settings must not be null");
        }
    }
}

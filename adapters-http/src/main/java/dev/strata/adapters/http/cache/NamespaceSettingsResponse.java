package dev.strata.adapters.http.cache;

import dev.strata.domain.cache.NamespaceSettings;
import io.micronaut.serde.annotation.Serdeable;

/** Response: a namespace's settings. */
@Serdeable
public record NamespaceSettingsResponse(String namespace, long defaultTtlSeconds, boolean durable, L1 l1) {
    /** The in-process tier of the namespace. */
    @Serdeable
    public record L1(boolean enabled, int maxEntries, long ttlSeconds) {
    }

    static NamespaceSettingsResponse of(NamespaceSettings settings) {
        return new NamespaceSettingsResponse(settings.namespace().value(), settings.defaultTtl().toSeconds(), settings.durable(),
                new L1(settings.l1Enabled(), settings.l1MaxEntries(), settings.l1Ttl().toSeconds()));
    }
}

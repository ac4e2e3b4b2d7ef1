package dev.strata.adapters.http.cache;

import dev.strata.domain.cache.NamespaceSettings;
import dev.strata.domain.shared.ResourceName;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;

/** Request of {@code PUT /v1/cache/{ns}}; an absent field takes its default (TTL 3600 s, durable, L1 on). */
@Serdeable
public record NamespaceSettingsRequest(@Nullable @Min(1) @Max(31_536_000) Long defaultTtlSeconds,
                                       @Nullable Boolean durable,
                                       @Nullable @Valid L1 l1) {
    /** The in-process tier of the namespace. */
    @Serdeable
    public record L1(@Nullable Boolean enabled,
                     @Nullable @Min(1) @Max(1_000_000) Integer maxEntries,
                     @Nullable @Min(1) @Max(31_536_000) Long ttlSeconds) {
    }

    /** The settings of {@code namespace} this request asks for, defaults filled in. */
    NamespaceSettings settingsOf(ResourceName namespace) {
        return new NamespaceSettings(namespace,
                defaultTtlSeconds == null ? NamespaceSettings.DEFAULT_TTL : Duration.ofSeconds(defaultTtlSeconds),
                durable == null || durable,
                l1 == null || l1.enabled() == null || l1.enabled(),
                l1 == null || l1.maxEntries() == null ? NamespaceSettings.DEFAULT_L1_MAX_ENTRIES : l1.maxEntries(),
                l1 == null || l1.ttlSeconds() == null ? NamespaceSettings.DEFAULT_L1_TTL : Duration.ofSeconds(l1.ttlSeconds()));
    }
}

package dev.strata.adapters.http.cache;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

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
}

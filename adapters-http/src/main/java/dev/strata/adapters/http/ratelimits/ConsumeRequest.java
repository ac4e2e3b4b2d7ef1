package dev.strata.adapters.http.ratelimits;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotNull;

/** Request of {@code POST /v1/rate-limits/{policy}/consume}. */
@Serdeable
public record ConsumeRequest(@NotNull String key, @Nullable Integer cost) {
}

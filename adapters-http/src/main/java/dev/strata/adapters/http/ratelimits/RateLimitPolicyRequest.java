package dev.strata.adapters.http.ratelimits;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotNull;

/** Request of {@code PUT /v1/rate-limits/{policy}}. */
@Serdeable
public record RateLimitPolicyRequest(@NotNull Integer limit, @NotNull Integer windowSeconds, @Nullable String algorithm) {
}

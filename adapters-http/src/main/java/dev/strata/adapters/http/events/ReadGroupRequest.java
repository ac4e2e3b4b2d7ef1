package dev.strata.adapters.http.events;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;

/** Request of {@code POST .../groups/{g}/read}: the consumer's name, how many events (10), how long to wait (0 ms). */
@Serdeable
public record ReadGroupRequest(@NotBlank String consumer, @Nullable Integer count, @Nullable Long blockMs) {
}

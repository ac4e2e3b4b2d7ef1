package dev.strata.adapters.http.cache;

import io.micronaut.serde.annotation.Serdeable;

/** Response of {@code POST /v1/cache/{ns}/invalidate}: how many live entries were removed. */
@Serdeable
public record InvalidateResponse(long invalidated) {
}

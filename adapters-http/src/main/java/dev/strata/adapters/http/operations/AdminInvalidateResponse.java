package dev.strata.adapters.http.operations;

import io.micronaut.serde.annotation.Serdeable;

/** Response of {@code POST /v1/admin/cache/invalidate}: how many live entries were removed. */
@Serdeable
public record AdminInvalidateResponse(long invalidated) {
}

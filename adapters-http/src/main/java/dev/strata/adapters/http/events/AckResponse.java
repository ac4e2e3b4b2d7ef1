package dev.strata.adapters.http.events;

import io.micronaut.serde.annotation.Serdeable;

/** How many of the acknowledged events were pending. */
@Serdeable
public record AckResponse(long acked) {
}

package dev.strata.adapters.http.events;

import io.micronaut.serde.annotation.Serdeable;

/** Response of a publish: the event's id and its sequence in the topic. */
@Serdeable
public record PublishedEventResponse(String id, long sequence) {
}

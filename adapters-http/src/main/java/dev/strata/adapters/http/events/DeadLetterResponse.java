package dev.strata.adapters.http.events;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** A dead letter: the event, how often it was delivered, when the group gave up on it. */
@Serdeable
public record DeadLetterResponse(CloudEventResponse event, long deliveries, Instant deadAt) {
}

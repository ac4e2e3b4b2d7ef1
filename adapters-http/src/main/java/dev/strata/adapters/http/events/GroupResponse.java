package dev.strata.adapters.http.events;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** A consumer group's definition. */
@Serdeable
public record GroupResponse(String topic, String name, String startAt, long startAfter, Instant createdAt) {
}

package dev.strata.adapters.http.events;

import io.micronaut.serde.annotation.Serdeable;

/** A consumer group's figures. */
@Serdeable
public record GroupStatsResponse(long lag, long pending, long consumers, long deadLetters) {
}

package dev.strata.adapters.http.events;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** A consumer group's figures; {@code oldestPendingSeconds} is absent when nothing is pending. */
@Serdeable
public record GroupStatsResponse(long lag, long pending, long consumers, long deadLetters,
                                 @Nullable Long oldestPendingSeconds) {
}

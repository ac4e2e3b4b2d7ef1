package dev.strata.adapters.http.events;

import dev.strata.domain.events.AppendResult;
import io.micronaut.serde.annotation.Serdeable;

/** Response of a publish: the event's id and its sequence in the topic. */
@Serdeable
public record PublishedEventResponse(String id, long sequence) {
    /** The answer to a publish that gave {@code result}. */
    static PublishedEventResponse of(AppendResult result) {
        return new PublishedEventResponse(result.event().id(), result.event().sequence());
    }
}

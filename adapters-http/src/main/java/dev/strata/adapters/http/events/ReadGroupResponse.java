package dev.strata.adapters.http.events;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** The events delivered to a consumer. */
@Serdeable
public record ReadGroupResponse(List<CloudEventResponse> events) {
}

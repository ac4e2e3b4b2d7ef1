package dev.strata.adapters.http.events;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Request of {@code POST /v1/topics/{t}/events}: the event's type, any JSON data, an optional subject. */
@Serdeable
public record PublishEventRequest(@NotBlank @Size(max = 256) String type, @NotNull JsonNode data,
                                  @Nullable @Size(min = 1, max = 1024) String subject) {
}

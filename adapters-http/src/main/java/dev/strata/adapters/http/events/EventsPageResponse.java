package dev.strata.adapters.http.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** The list envelope of API.md for the events area: {@code {"items": [...], "nextCursor": "..." | null}}. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record EventsPageResponse<T>(List<T> items, @Nullable String nextCursor) {
}

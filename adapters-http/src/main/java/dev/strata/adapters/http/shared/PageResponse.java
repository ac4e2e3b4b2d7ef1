package dev.strata.adapters.http.shared;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** The list envelope of API.md: {@code {"items": [...], "nextCursor": "..." | null}}. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record PageResponse<T>(List<T> items, @Nullable String nextCursor) {
}

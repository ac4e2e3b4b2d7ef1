package dev.strata.adapters.http.conversations;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** Request of {@code POST /v1/conversations} and {@code PATCH /v1/conversations/{id}}: the title. */
@Serdeable
public record TitleRequest(@Nullable String title) {
}

package dev.strata.adapters.http.events;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** Request of {@code PUT /v1/topics/{t}/groups/{g}}: {@code startAt} {@code latest} (default) or {@code earliest}. */
@Serdeable
public record DefineGroupRequest(@Nullable String startAt) {
}

package dev.strata.adapters.http.cache;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** Request of {@code POST /v1/cache/{ns}/invalidate}: keys, tags and/or a key prefix (at least one). */
@Serdeable
public record InvalidateRequest(@Nullable @Size(max = 1000) List<@NotNull String> keys,
                                @Nullable @Size(max = 1000) List<@NotNull String> tags,
                                @Nullable String prefix) {
}

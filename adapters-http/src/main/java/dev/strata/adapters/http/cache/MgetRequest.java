package dev.strata.adapters.http.cache;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** Request of {@code POST /v1/cache/{ns}/mget}: 1–1000 keys. */
@Serdeable
public record MgetRequest(@NotNull @NotEmpty @Size(max = 1000) List<@NotNull String> keys) {
}

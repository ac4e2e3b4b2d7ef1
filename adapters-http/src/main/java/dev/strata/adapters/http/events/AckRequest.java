package dev.strata.adapters.http.events;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** Request of {@code POST .../groups/{g}/ack}: the ids of the events handled. */
@Serdeable
public record AckRequest(@NotNull @NotEmpty @Size(max = 1000) List<@NotNull String> ids) {
}

package dev.strata.adapters.http.secrets;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** Request of {@code POST /v1/secrets/{name}/reveal}: a version by number, else the current one. */
@Serdeable
public record RevealSecretRequest(@Nullable Integer version) {
}

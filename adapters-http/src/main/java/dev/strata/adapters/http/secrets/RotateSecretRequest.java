package dev.strata.adapters.http.secrets;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** Request of {@code POST /v1/secrets/{name}/rotate}: the new value (random when absent); staged when {@code stage}. */
@Serdeable
public record RotateSecretRequest(@Nullable String value, @Nullable Boolean stage) {
    @Override
    public String toString() {
        return "RotateSecretRequest[value=<hidden>, stage=" + stage + "]";
    }
}

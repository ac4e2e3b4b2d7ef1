package dev.strata.adapters.http.secrets;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotNull;

/** Request of {@code POST /v1/secrets}; no value: 32 random bytes, base64url. Its toString hides the value. */
@Serdeable
public record CreateSecretRequest(@NotNull String name, @Nullable String value, @Nullable String description,
                                  @Nullable String service, @Nullable Integer rotationPeriodDays,
                                  @Nullable Integer maxVersions) {
    @Override
    public String toString() {
        return "CreateSecretRequest[name=" + name + ", value=<hidden>]";
    }
}

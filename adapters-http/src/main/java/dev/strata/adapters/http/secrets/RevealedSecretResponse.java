package dev.strata.adapters.http.secrets;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

/** Response of a reveal: {@code {name, version, value}}. Its toString hides the value. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record RevealedSecretResponse(String name, int version, String value) {
    @Override
    public String toString() {
        return "RevealedSecretResponse[name=" + name + ", version=" + version + ", value=<hidden>]";
    }
}

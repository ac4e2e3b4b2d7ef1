package dev.strata.application.secrets.port;

import java.util.Objects;

/** Command: re-wrap every data key of the caller's tenant under the active master key. */
public record RewrapSecretsCommand(SecretCaller caller) {
    public RewrapSecretsCommand {
        Objects.requireNonNull(caller, "caller must not be null");
    }
}

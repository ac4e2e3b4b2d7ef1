package dev.strata.application.secrets.port;

import dev.strata.domain.shared.InvalidInputException;
import dev.strata.domain.shared.ResourceName;
import java.util.Objects;

/** Command: delete secret {@code name} with all its key material. */
public record DeleteSecretCommand(ResourceName name, SecretCaller caller) {
    public DeleteSecretCommand {
        if (name == null) {
            throw new InvalidInputException("name", "name must not be null");
        }
        Objects.requireNonNull(caller, "caller must not be null");
    }
}

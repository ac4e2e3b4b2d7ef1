package dev.strata.application.secrets.port;

import dev.strata.domain.shared.InvalidInputException;
import dev.strata.domain.shared.ResourceName;
import java.util.Objects;

/** Command: make the pending version of secret {@code name} current. */
public record PromoteSecretCommand(ResourceName name, SecretCaller caller) {
    public PromoteSecretCommand {
        if (name == null) {
            throw new InvalidInputException("name", "name must not be null");
        }
        Objects.requireNonNull(caller, "caller must not be null");
    }
}

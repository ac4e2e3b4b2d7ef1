package dev.strata.application.secrets.port;

import dev.strata.domain.shared.InvalidInputException;
import dev.strata.domain.shared.ResourceName;
import java.util.Objects;
import java.util.Optional;

/**
 * Command: add the next version of secret {@code name} with {@code value} (generated when absent); CURRENT at
 * once, or PENDING until promoted when {@code stage}.
 */
public record RotateSecretCommand(ResourceName name, Optional<String> value, boolean stage, SecretCaller caller) {
    public RotateSecretCommand {
        if (name == null) {
            throw new InvalidInputException("name", "name must not be null");
        }
        value = CreateSecretCommand.checkValue(value);
        Objects.requireNonNull(caller, "caller must not be null");
    }

    @Override
    public String toString() {
        return "RotateSecretCommand[name=" + name + ", value=" + (value.isPresent() ? "<hidden>" : "<generated>") + ", stage=" + stage
                + ", caller=" + caller + "]";
    }
}

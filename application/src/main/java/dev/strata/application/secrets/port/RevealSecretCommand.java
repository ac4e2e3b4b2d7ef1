package dev.strata.application.secrets.port;

import dev.strata.domain.shared.InvalidInputException;
import dev.strata.domain.shared.ResourceName;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Command (it writes an audit record): reveal secret {@code name} — version {@code version} when given, else the
 * pending version when {@code pending}, else the current one.
 */
public record RevealSecretCommand(ResourceName name, OptionalInt version, boolean pending, SecretCaller caller) {
    public RevealSecretCommand {
        if (name == null) {
            throw new InvalidInputException("name", "name must not be null");
        }
        Objects.requireNonNull(version, "version must not be null");
        if (version.isPresent() && version.getAsInt() < 1) {
            throw new InvalidInputException("version", "version must be at least 1");
        }
        if (version.isPresent() && pending) {
            throw new InvalidInputException("version", "ask for a version number or for the pending version, not both");
        }
        Objects.requireNonNull(caller, "caller must not be null");
    }
}

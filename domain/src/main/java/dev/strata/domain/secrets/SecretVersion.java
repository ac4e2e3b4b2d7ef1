package dev.strata.domain.secrets;

import dev.strata.domain.shared.InvalidInputException;
import dev.strata.domain.shared.ResourceName;
import java.time.Instant;

/** Entity: one version (1, 2, ...) of a secret, encrypted, and when it was written. */
public record SecretVersion(ResourceName name, int version, EncryptedValue value, Instant createdAt) {
    public SecretVersion {
        if (name == null) {
            throw new InvalidInputException("name", "name must not be null");
        }
        if (version < 1) {
            throw new InvalidInputException("version", "version must be at least 1");
        }
        if (value == null) {
            throw new InvalidInputException("value", "value must not be null");
        }
        if (createdAt == null) {
            throw new InvalidInputException("createdAt", "createdAt must not be null");
        }
    }
}

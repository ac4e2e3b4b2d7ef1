package dev.strata.domain.secrets;

import dev.strata.domain.shared.InvalidInputException;
import dev.strata.domain.shared.ResourceName;
import java.time.Instant;

/** Entity: one sealed version (1, 2, ...) of a secret — its state, its encrypted value and when it was written. */
public record SecretVersion(ResourceName name, int version, VersionState state, EncryptedValue value, Instant createdAt) {
    public SecretVersion {
        if (name == null) {
            throw new InvalidInputException("name", "name must not be null");
        }
        if (version < 1) {
            throw new InvalidInputException("version", "version must be at least 1");
        }
        if (state == null) {
            throw new InvalidInputException("state", "state must not be null");
        }
        if (value == null) {
            throw new InvalidInputException("value", "value must not be null");
        }
        if (createdAt == null) {
            throw new InvalidInputException("createdAt", "createdAt must not be null");
        }
    }

    /** This version with another state. */
    public SecretVersion withState(VersionState newState) {
        return new SecretVersion(name, version, newState, value, createdAt);
    }

    /** This version with its data key wrapped anew (same ciphertext and nonce). */
    public SecretVersion withValue(EncryptedValue newValue) {
        return new SecretVersion(name, version, state, newValue, createdAt);
    }
}

package dev.strata.application.secrets.port;

import dev.strata.domain.secrets.SecretMetadata;

/** Use case: rotate a secret (one step, or staged as a pending version), audited. */
public interface RotateSecretUseCase {
    SecretMetadata rotate(RotateSecretCommand command);
}

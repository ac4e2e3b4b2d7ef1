package dev.strata.application.secrets.port;

import dev.strata.domain.secrets.SecretMetadata;

/** Use case: create a secret at version 1, audited; a taken name is a conflict. */
public interface CreateSecretUseCase {
    SecretMetadata create(CreateSecretCommand command);
}

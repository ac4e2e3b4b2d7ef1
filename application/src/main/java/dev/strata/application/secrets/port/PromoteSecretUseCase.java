package dev.strata.application.secrets.port;

import dev.strata.domain.secrets.SecretMetadata;

/** Use case: promote a staged (pending) version to current, audited; no pending version is a conflict. */
public interface PromoteSecretUseCase {
    SecretMetadata promote(PromoteSecretCommand command);
}

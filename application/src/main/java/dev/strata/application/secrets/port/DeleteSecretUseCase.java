package dev.strata.application.secrets.port;

/** Use case: delete a secret and destroy every version's key material (crypto-shredding), audited. */
public interface DeleteSecretUseCase {
    void delete(DeleteSecretCommand command);
}

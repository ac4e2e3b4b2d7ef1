package dev.strata.application.secrets.port;

/**
 * Use case: re-wrap the tenant's data keys that another master key wraps under the active one, without ever
 * decrypting a value; each version audited. Returns how many versions it re-wrapped.
 */
public interface RewrapSecretsUseCase {
    int rewrap(RewrapSecretsCommand command);
}

package dev.strata.application.secrets.port;

/** Use case: reveal a secret's value; audited, and nothing is revealed when the audit record cannot be written. */
public interface RevealSecretUseCase {
    RevealedSecret reveal(RevealSecretCommand command);
}

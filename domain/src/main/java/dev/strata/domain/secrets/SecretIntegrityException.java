package dev.strata.domain.secrets;

import dev.strata.domain.shared.DomainException;

/**
 * Broken rule: a stored version failed authentication (ciphertext, nonce or wrapped key altered, or moved to
 * another row, version or tenant). Never a wrong value; the message names the version, never any bytes.
 */
public class SecretIntegrityException extends DomainException {
    public static final String CODE = "secrets.integrity_failure";

    public SecretIntegrityException(String message) {
        super(CODE, message);
    }
}

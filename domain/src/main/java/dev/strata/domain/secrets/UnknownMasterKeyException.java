package dev.strata.domain.secrets;

import dev.strata.domain.shared.DomainException;

/** Broken rule: a data key is wrapped by a master key id this instance does not hold (configuration fault, 503). */
public class UnknownMasterKeyException extends DomainException {
    public static final String CODE = "secrets.unknown_master_key";

    private final String keyId;

    public UnknownMasterKeyException(String keyId) {
        super(CODE, "master key '" + keyId + "' is not configured on this instance");
        this.keyId = keyId;
    }

    /** The id of the missing key (an id, never key material). */
    public String keyId() {
        return keyId;
    }
}

package dev.strata.domain.secrets;

import dev.strata.domain.shared.InvalidInputException;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * Value object: one secret version at rest — the ciphertext, the data key wrapped by master key
 * {@code keyId}, and the nonce. Holds no plaintext; byte arrays are copied in and out.
 */
public record EncryptedValue(String keyId, byte[] wrappedKey, byte[] nonce, byte[] ciphertext) {
    private static final Pattern KEY_ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$");

    public EncryptedValue {
        if (keyId == null || !KEY_ID.matcher(keyId).matches()) {
            throw new InvalidInputException("keyId", "keyId must match ^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$");
        }
        if (wrappedKey == null || wrappedKey.length == 0) {
            throw new InvalidInputException("wrappedKey", "wrappedKey must not be empty");
        }
        if (nonce == null || nonce.length == 0) {
            throw new InvalidInputException("nonce", "nonce must not be empty");
        }
        if (ciphertext == null || ciphertext.length == 0) {
            throw new InvalidInputException("ciphertext", "ciphertext must not be empty");
        }
        wrappedKey = wrappedKey.clone();
        nonce = nonce.clone();
        ciphertext = ciphertext.clone();
    }

    @Override
    public byte[] wrappedKey() {
        return wrappedKey.clone();
    }

    @Override
    public byte[] nonce() {
        return nonce.clone();
    }

    @Override
    public byte[] ciphertext() {
        return ciphertext.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EncryptedValue that && keyId.equals(that.keyId)
                && Arrays.equals(wrappedKey, that.wrappedKey) && Arrays.equals(nonce, that.nonce)
                && Arrays.equals(ciphertext, that.ciphertext);
    }

    @Override
    public int hashCode() {
        return 31 * keyId.hashCode() + Arrays.hashCode(ciphertext);
    }

    @Override
    public String toString() {
        return "EncryptedValue[keyId=" + keyId + ", " + ciphertext.length + " bytes]";
    }
}

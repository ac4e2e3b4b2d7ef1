package dev.strata.domain.secrets;

import dev.strata.domain.shared.DomainException;

/** Broken rule: a secret value is larger than {@link #MAX_VALUE_BYTES} bytes of UTF-8 (413). */
public class SecretValueTooLargeException extends DomainException {
    public static final String CODE = "secrets.value_too_large";
    /** The largest value a secret holds: 64 KiB. */
    public static final int MAX_VALUE_BYTES = 64 * 1024;

    public SecretValueTooLargeException() {
        this(MAX_VALUE_BYTES);
    }

    /** A value over a configured {@code limit} (at most {@link #MAX_VALUE_BYTES}). */
    public SecretValueTooLargeException(int limit) {
        super(CODE, "a secret value holds at most " + limit + " bytes");
    }
}

package dev.strata.domain.events;

import dev.strata.domain.shared.InvalidInputException;
import java.util.regex.Pattern;

/** Value object: a client's {@code Idempotency-Key} (1–255 visible ASCII characters); a repeat returns the first result. */
public record IdempotencyKey(String value) {
    private static final Pattern VALID = Pattern.compile("^[\\x21-\\x7E]{1,255}$");

    public IdempotencyKey {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new InvalidInputException("Idempotency-Key", "Idempotency-Key must be 1-255 visible ASCII characters");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}

package dev.strata.domain.vectors;

import dev.strata.domain.shared.InvalidInputException;
import java.math.BigDecimal;

/** Value object: one scalar metadata value — text, number or boolean — compared by equality in filters. */
public sealed interface MetadataValue {
    /** The longest text value. */
    int MAX_TEXT_LENGTH = 1024;

    static MetadataValue of(String text) {
        return new Text(text);
    }

    static MetadataValue of(long number) {
        return new Numeric(BigDecimal.valueOf(number));
    }

    static MetadataValue of(BigDecimal number) {
        return new Numeric(number);
    }

    static MetadataValue of(boolean flag) {
        return new Bool(flag);
    }

    /** A text value. */
    record Text(String value) implements MetadataValue {
        public Text {
            if (value == null || value.length() > MAX_TEXT_LENGTH) {
                throw new InvalidInputException("metadata", "metadata text values must be at most " + MAX_TEXT_LENGTH + " characters");
            }
            if (value.indexOf('\0') >= 0) {
                throw new InvalidInputException("metadata", "metadata text values must not contain the character U+0000");
            }
        }
    }

    /** A number, normalised so that {@code 1}, {@code 1.0} and {@code 1.00} are equal (as in JSON). */
    record Numeric(BigDecimal value) implements MetadataValue {
        public Numeric {
            if (value == null) {
                throw new InvalidInputException("metadata", "metadata numbers must not be null");
            }
            value = value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
        }
    }

    /** A boolean. */
    record Bool(boolean value) implements MetadataValue {
    }
}

package dev.strata.domain.events;

import dev.strata.domain.shared.InvalidInputException;
import dev.strata.domain.shared.ReservedNames;
import java.util.regex.Pattern;

/** Value object: the name a reader of a consumer group gives itself (1–64 of {@code A-Za-z0-9_.:-}, not reserved). */
public record ConsumerName(String value) {
    private static final Pattern VALID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$");

    public ConsumerName {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new InvalidInputException("consumer", "consumer must match ^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$");
        }
        ReservedNames.refuse("consumer", value);
    }

    @Override
    public String toString() {
        return value;
    }
}

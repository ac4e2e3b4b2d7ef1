package dev.strata.domain.sessions;

import dev.strata.domain.shared.InvalidInputException;
import dev.strata.domain.shared.RandomTokens;
import java.util.regex.Pattern;

/** Value object: the public identifier of a service client ({@code sc_} + 128 random bits). */
public record ClientId(String value) {
    private static final Pattern VALID = Pattern.compile("^sc_[A-Za-z0-9_-]{22}$");

    public ClientId {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new InvalidInputException("clientId", "clientId is not a valid client id");
        }
    }

    public static ClientId random() {
        return new ClientId("sc_" + RandomTokens.next(16));
    }

    /** True when {@code text} has the shape of a client id; lets callers answer 401/404 without an exception. */
    public static boolean isWellFormed(String text) {
        return text != null && VALID.matcher(text).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}

package dev.strata.domain.identity;

import dev.strata.domain.shared.InvalidInputException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Value object: an end user's email address, normalised to lower case (emails are unique per tenant
 * regardless of case). Deliberately simple syntax: one {@code @}, a dotted domain, no spaces, at most 254 characters.
 */
public record Email(String value) {
    private static final Pattern VALID = Pattern.compile("^[^@\\s\\p{Cntrl}]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)+$");

    public Email {
        if (value == null || value.length() > 254 || !VALID.matcher(value).matches()) {
            throw new InvalidInputException("email", "email is not a valid email address");
        }
        value = value.toLowerCase(Locale.ROOT);
    }

    /** True when {@code text} is a valid address; lets login answer 401 without an exception. */
    public static boolean isWellFormed(String text) {
        return text != null && text.length() <= 254 && VALID.matcher(text).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}

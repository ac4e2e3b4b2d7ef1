package dev.strata.domain.cache;

import dev.strata.domain.shared.InvalidInputException;
import dev.strata.domain.shared.RandomTokens;
import java.util.Optional;
import java.util.regex.Pattern;

/** Value object: the right to fill one missing key (memcached-style lease), unguessable. */
public record LeaseToken(String value) {
    private static final Pattern VALID = Pattern.compile("^[A-Za-z0-9_-]{16,64}$");

    public LeaseToken {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new InvalidInputException("X-Cache-Lease", "lease token must be 16-64 characters of [A-Za-z0-9_-]");
        }
    }

    public static LeaseToken random() {
        return new LeaseToken(RandomTokens.next(18));
    }

    /** Parses a header value; empty for anything that cannot be a token. */
    public static Optional<LeaseToken> parse(String text) {
        return text != null && VALID.matcher(text.strip()).matches() ? Optional.of(new LeaseToken(text.strip())) : Optional.empty();
    }

    @Override
    public String toString() {
        return "LeaseToken[***]";
    }
}

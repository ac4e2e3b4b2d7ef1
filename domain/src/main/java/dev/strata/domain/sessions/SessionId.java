package dev.strata.domain.sessions;

import dev.strata.domain.shared.InvalidInputException;
import dev.strata.domain.shared.RandomTokens;
import java.util.regex.Pattern;

/** Value object: the unguessable identifier of a session (256 random bits when generated, never fewer than 128). */
public record SessionId(String value) {
    private static final Pattern VALID = Pattern.compile("^[A-Za-z0-9_-]{22,128}$");

    public SessionId {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new InvalidInputException("sessionId", "sessionId is not a valid session id");
        }
    }

    public static SessionId random() {
        return new SessionId(RandomTokens.next(32));
    }

    /** True when {@code text} has the shape of a session id; lets callers answer 404 without an exception. */
    public static boolean isWellFormed(String text) {
        return text != null && VALID.matcher(text).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}

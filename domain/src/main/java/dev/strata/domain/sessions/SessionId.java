package dev.strata.domain.sessions;

import dev.strata.domain.shared.InvalidInputException;
import dev.strata.domain.shared.RandomTokens;

/** Value object: the unguessable identifier of a session (256 random bits when generated, never fewer than 128). */
public record SessionId(String value) {
    public SessionId {
        if (!isWellFormed(value)) {
            throw new InvalidInputException("sessionId", "sessionId is not a valid session id");
        }
    }

    public static SessionId random() {
        return new SessionId(RandomTokens.next(32));
    }

    /** True when {@code text} has the shape of a session id; lets callers answer 404 without an exception. */
    public static boolean isWellFormed(String text) {
        return RandomTokens.hasShape(text, "", 22, 128);
    }

    @Override
    public String toString() {
        return value;
    }
}

package dev.strata.domain.shared;

import java.util.Objects;
import java.util.Set;

/**
 * Value object: credentials every instance must stop vouching for from memory — some service clients, some
 * end-user sessions or the cached plaintext of some secrets of one tenant (the tenant travels beside it, not
 * inside it).
 */
public record Revocation(Kind kind, Set<String> ids) {
    /** The most ids one revocation may name. */
    public static final int MAX_IDS = 1000;

    /** What the ids name. */
    public enum Kind {
        /** Service client ids. */
        CLIENTS,
        /** End-user session ids. */
        SESSIONS,
        /** Secret names: every instance drops the plaintext it holds of any version of them. */
        SECRETS
    }

    public Revocation {
        Objects.requireNonNull(kind, "kind must not be null");
        if (ids == null || ids.isEmpty() || ids.size() > MAX_IDS) {
            throw new InvalidInputException("ids", "ids must name 1-" + MAX_IDS + " credentials");
        }
        for (String id : ids) {
            if (id == null || id.isEmpty() || id.length() > 256) {
                throw new InvalidInputException("ids", "every id must be 1-256 characters");
            }
        }
        ids = Set.copyOf(ids);
    }

    public static Revocation clients(Set<String> clientIds) {
        return new Revocation(Kind.CLIENTS, clientIds);
    }

    public static Revocation sessions(Set<String> sessionIds) {
        return new Revocation(Kind.SESSIONS, sessionIds);
    }

    public static Revocation secrets(Set<String> secretNames) {
        return new Revocation(Kind.SECRETS, secretNames);
    }
}

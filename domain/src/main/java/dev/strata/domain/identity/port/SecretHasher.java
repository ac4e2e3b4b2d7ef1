package dev.strata.domain.identity.port;

/** Driven port: a slow, salted one-way hash for client secrets and passwords. */
public interface SecretHasher {
    String hash(String secret);

    /** Constant-time check of {@code secret} against a stored hash; false for a malformed hash. */
    boolean verify(String secret, String storedHash);

    /** Spends the same work as a real verify, for unknown principals (no timing oracle). */
    void burn(String secret);
}

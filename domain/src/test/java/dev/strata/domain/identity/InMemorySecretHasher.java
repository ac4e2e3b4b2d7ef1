package dev.strata.domain.identity;

import dev.strata.domain.identity.port.SecretHasher;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * In-memory fake of {@link SecretHasher}: a fast salted SHA-256 ({@code fake-sha256$salt$hash}), for tests
 * only — real secrets need the slow adaptive hash of the adapter. Verification is exact and constant-time.
 */
public final class InMemorySecretHasher implements SecretHasher {
    private static final String PREFIX = "fake-sha256";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    @Override
    public String hash(String secret) {
        Objects.requireNonNull(secret, "secret must not be null");
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return PREFIX + "$" + ENCODER.encodeToString(salt) + "$" + ENCODER.encodeToString(digest(salt, secret));
    }

    @Override
    public boolean verify(String secret, String storedHash) {
        if (secret == null || storedHash == null) {
            return false;
        }
        String[] parts = storedHash.split("\\$", -1);
        if (parts.length != 3 || !PREFIX.equals(parts[0])) {
            return false;
        }
        try {
            byte[] salt = DECODER.decode(parts[1]);
            byte[] expected = DECODER.decode(parts[2]);
            return salt.length == 16 && MessageDigest.isEqual(expected, digest(salt, secret));
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    @Override
    public void burn(String secret) {
        digest(new byte[16], secret == null ? "" : secret);
    }

    private static byte[] digest(byte[] salt, String secret) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            return sha.digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}

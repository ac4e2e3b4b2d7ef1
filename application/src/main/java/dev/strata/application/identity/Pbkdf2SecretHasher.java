package dev.strata.application.identity;

import dev.strata.domain.identity.port.SecretHasher;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * JDK implementation of {@link SecretHasher} for service-client secrets: PBKDF2-HMAC-SHA256 with a
 * 128-bit salt and a configurable iteration count (OWASP 2023: 600,000 for passwords; client
 * secrets are 256 random bits, so the floor is lower). Format {@code pbkdf2-sha256$<iter>$<salt>$<hash>}.
 */
public final class Pbkdf2SecretHasher implements SecretHasher {
    private static final String PREFIX = "pbkdf2-sha256";
    private static final int KEY_BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();
    private final int iterations;

    public Pbkdf2SecretHasher(int iterations) {
        if (iterations < 10_000) {
            throw new IllegalArgumentException("iterations must be >= 10000");
        }
        this.iterations = iterations;
    }

    @Override
    public String hash(String secret) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return PREFIX + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(derive(secret, salt, iterations));
    }

    @Override
    public boolean verify(String secret, String storedHash) {
        String[] parts = storedHash == null ? new String[0] : storedHash.split("\\$");
        if (parts.length != 4 || !PREFIX.equals(parts[0])) {
            burn(secret);
            return false;
        }
        try {
            int storedIterations = Integer.parseInt(parts[1]);
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] expected = Base64.getDecoder().decode(parts[3]);
            return MessageDigest.isEqual(expected, derive(secret, salt, storedIterations));
        } catch (IllegalArgumentException e) {
            burn(secret);
            return false;
        }
    }

    @Override
    public void burn(String secret) {
        derive(secret, new byte[16], iterations);
    }

    private static byte[] derive(String secret, byte[] salt, int iterations) {
        char[] chars = (secret == null ? "" : secret).toCharArray();
        PBEKeySpec spec = new PBEKeySpec(chars, salt, iterations, KEY_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 unavailable", e);
        } finally {
            spec.clearPassword();
            java.util.Arrays.fill(chars, '\0');
        }
    }

}

package dev.strata.domain.shared;

import java.security.SecureRandom;
import java.util.Base64;

/** Shared kernel: unguessable identifiers and secrets from a CSPRNG, base64url without padding. */
public final class RandomTokens {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private RandomTokens() {
    }

    /** {@code bytes} random bytes (at least 16, i.e. 128 bits), base64url encoded. */
    public static String next(int bytes) {
        if (bytes < 16) {
            throw new IllegalArgumentException("bytes must be >= 16 (128 bits)");
        }
        byte[] buffer = new byte[bytes];
        RANDOM.nextBytes(buffer);
        return ENCODER.encodeToString(buffer);
    }
}

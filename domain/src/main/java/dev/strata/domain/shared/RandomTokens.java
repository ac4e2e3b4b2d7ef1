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

    /**
     * True when {@code text} is {@code prefix} followed by {@code min} to {@code max} characters of the
     * URL-safe Base64 alphabet (the shape of {@link #next} output). A plain loop: ids are checked on every
     * request, and a regular expression there costs more than the rest of the check.
     */
    public static boolean hasShape(String text, String prefix, int min, int max) {
        if (text == null || !text.startsWith(prefix)) {
            return false;
        }
        int length = text.length() - prefix.length();
        if (length < min || length > max) {
            return false;
        }
        for (int i = prefix.length(); i < text.length(); i++) {
            char c = text.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }
}

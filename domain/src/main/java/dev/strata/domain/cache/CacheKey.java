package dev.strata.domain.cache;

import dev.strata.domain.shared.InvalidInputException;
import dev.strata.domain.shared.ResourceName;

/** Value object: a cache key inside a namespace; the key is 1–512 bytes of UTF-8 and may contain any character. */
public record CacheKey(ResourceName namespace, String key) {
    /** The longest key, in UTF-8 bytes. */
    public static final int MAX_KEY_BYTES = 512;

    public CacheKey {
        if (namespace == null) {
            throw new InvalidInputException("namespace", "namespace must not be null");
        }
        requireValidKey("key", key);
    }

    public static CacheKey of(ResourceName namespace, String key) {
        return new CacheKey(namespace, key);
    }

    /**
     * Checks a key for the argument {@code field} (so that the error names what the client sent, e.g.
     * {@code keys[3]}) and returns it: 1–512 bytes once encoded as UTF-8, no unpaired surrogate.
     */
    public static String requireValidKey(String field, String key) {
        if (key == null || key.isEmpty()) {
            throw new InvalidInputException(field, field + " must be 1-" + MAX_KEY_BYTES + " bytes of UTF-8");
        }
        int bytes = utf8Length(field, key);
        if (bytes > MAX_KEY_BYTES) {
            throw new InvalidInputException(field, field + " must be 1-" + MAX_KEY_BYTES + " bytes of UTF-8, was " + bytes);
        }
        return key;
    }

    /** Length of {@code text} in UTF-8; an unpaired surrogate (not encodable) is invalid input for {@code field}. */
    static int utf8Length(String field, String text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new InvalidInputException(field, field + " is not valid UTF-8 (unpaired surrogate)");
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    @Override
    public String toString() {
        return namespace + "/" + key;
    }
}

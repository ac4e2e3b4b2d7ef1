package dev.strata.adapters.http.vectors;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers, per instance, the result-cache key of search request bodies seen before (SHA-256 of the exact bytes →
 * the key of the parsed request), so that a repeated request is looked up without parsing its JSON again. The key
 * is a function of the bytes alone (no tenant, no collection, no version), so a remembered key is never wrong;
 * bounded: the map is emptied when full.
 */
final class RequestKeys {
    /** Bodies remembered at most (~300 bytes each). */
    static final int DEFAULT_CAPACITY = 10_000;

    private final int capacity;
    private final ConcurrentHashMap<String, String> keys = new ConcurrentHashMap<>();

    RequestKeys(int capacity) {
        this.capacity = capacity;
    }

    /** SHA-256 (hex) of the body's bytes. */
    static String digest(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing", e);
        }
    }

    String get(String digest) {
        return keys.get(digest);
    }

    void put(String digest, String requestKey) {
        if (keys.size() >= capacity) {
            keys.clear();
        }
        keys.put(digest, requestKey);
    }

    int size() {
        return keys.size();
    }
}

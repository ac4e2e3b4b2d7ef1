package dev.strata.domain.cache;

import dev.strata.domain.shared.InvalidInputException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Value object: a cached JSON value as raw bytes, exactly as the client sent it (never re-serialised).
 * The array is copied on the way in and out (or lent read-only), so a value cannot change after it was built.
 */
public record CacheValue(byte[] json) {
    public CacheValue {
        if (json == null || json.length == 0) {
            throw new InvalidInputException("value", "value must be a non-empty JSON document");
        }
        json = json.clone();
    }

    public static CacheValue ofUtf8(String json) {
        if (json == null) {
            throw new InvalidInputException("value", "value must be a non-empty JSON document");
        }
        return new CacheValue(json.getBytes(StandardCharsets.UTF_8));
    }

    /** A copy of the stored bytes. */
    @Override
    public byte[] json() {
        return json.clone();
    }

    /** The stored bytes as a read-only buffer, without a copy: for writing a hit out, where a copy per read would add up. */
    public ByteBuffer view() {
        return ByteBuffer.wrap(json).asReadOnlyBuffer();
    }

    public int size() {
        return json.length;
    }

    public String asUtf8() {
        return new String(json, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CacheValue that && Arrays.equals(json, that.json);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(json);
    }

    @Override
    public String toString() {
        return "CacheValue[" + json.length + " bytes]";
    }
}

package dev.strata.adapters.redis.cache;

import dev.strata.domain.cache.CacheKey;
import dev.strata.domain.shared.ResourceName;
import dev.strata.domain.shared.TenantContext;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Key codec of the cache area, in bytes (cache keys may hold any character, NUL included): every key is
 * {@code strata:{tenant}:cache:<kind>:<namespace>[:<key bytes>]}. Namespaces cannot hold {@code :}, so the
 * key bytes after the namespace are unambiguous.
 */
final class CacheKeys {
    static final byte[] CHANNEL = "strata:cache:invalidations".getBytes(StandardCharsets.US_ASCII);

    private CacheKeys() {
    }

    private static String prefix() {
        return "strata:{" + TenantContext.require() + "}:cache:";
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(String head, byte[] tail) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(head.length() + tail.length);
        out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(tail);
        return out.toByteArray();
    }

    /** The hash of one entry: fields v (value), e (etag), x (expiry, epoch ms), t (tags, space separated). */
    static byte[] entry(CacheKey key) {
        return concat(entryPrefix(key.namespace()), utf8(key.key()));
    }

    static String entryPrefix(ResourceName namespace) {
        return prefix() + "e:" + namespace.value() + ":";
    }

    /** Sorted set (all scores 0, so ordered by key bytes) of the namespace's keys: prefix scans without SCAN. */
    static byte[] index(ResourceName namespace) {
        return utf8(prefix() + "i:" + namespace.value());
    }

    /** Set of the keys carrying a tag is {@code tagPrefix + tag}. */
    static String tagPrefix(ResourceName namespace) {
        return prefix() + "t:" + namespace.value() + ":";
    }

    static byte[] tag(ResourceName namespace, String tag) {
        return utf8(tagPrefix(namespace) + tag);
    }

    static byte[] lease(CacheKey key) {
        return concat(prefix() + "l:" + key.namespace().value() + ":", utf8(key.key()));
    }

    /** How long a key's epoch outlives its last change: far longer than any read or write that holds a stamp. */
    static final long KEY_EPOCH_TTL_MILLIS = java.time.Duration.ofHours(1).toMillis();

    static byte[] keyEpoch(CacheKey key) {
        return concat(prefix() + "k:" + key.namespace().value() + ":", utf8(key.key()));
    }

    static byte[] namespaceEpoch(ResourceName namespace) {
        return utf8(prefix() + "n:" + namespace.value());
    }
}

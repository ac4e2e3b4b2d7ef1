package dev.strata.adapters.redis.vectors;

import dev.strata.domain.shared.ResourceName;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.vectors.port.CollectionStamp;
import java.nio.charset.StandardCharsets;

/**
 * Key codec of the vectors area: every key is {@code strata:{tenant}:vectors:<kind>:<collection>[...]}, so one
 * tenant's keys share a hash slot (the scripts that build entry keys from a prefix stay in that slot). Collection
 * names cannot hold {@code :}, so what follows the collection is unambiguous.
 */
final class VectorKeys {
    private VectorKeys() {
    }

    private static String prefix() {
        return "strata:{" + TenantContext.require() + "}:vectors:";
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** String {@code <version>:<token>}, with a PX expiry: the collection's current stamp. */
    static byte[] version(ResourceName collection) {
        return utf8(prefix() + "ver:" + collection.value());
    }

    /** Marker (PX) that one caller is renewing the stamp, so the others are not asked to. */
    static byte[] renewing(ResourceName collection) {
        return utf8(prefix() + "ver-renewing:" + collection.value());
    }

    /** A result is the string {@code resultPrefix + <version>:<token>:<request hash>}. */
    static byte[] resultPrefix(ResourceName collection) {
        return utf8(prefix() + "res:" + collection.value() + ":");
    }

    /** Sorted set of the results' {@code <version>:<token>:<request hash>} scored by store time (ms). */
    static byte[] resultIndex(ResourceName collection) {
        return utf8(prefix() + "res-index:" + collection.value());
    }

    /** Hash: item id → {@code <version>:<token>\n<item bytes>}. */
    static byte[] hotCopies(ResourceName collection) {
        return utf8(prefix() + "hot:" + collection.value());
    }

    /** Sorted set of the kept ids scored by their last read (ms). */
    static byte[] hotRecency(ResourceName collection) {
        return utf8(prefix() + "hot-lru:" + collection.value());
    }

    /** Read counts of one window are the hash {@code hotReadsPrefix + <window number>}: id → reads. */
    static byte[] hotReadsPrefix(ResourceName collection) {
        return utf8(prefix() + "hot-reads:" + collection.value() + ":");
    }

    static byte[] stamp(CollectionStamp stamp) {
        return utf8(stamp.version() + ":" + Long.toUnsignedString(stamp.token()));
    }

    static CollectionStamp stamp(byte[] value) {
        String text = new String(value, StandardCharsets.UTF_8);
        int sep = text.indexOf(':');
        return new CollectionStamp(Long.parseLong(text.substring(0, sep)), Long.parseUnsignedLong(text.substring(sep + 1)));
    }

    static byte[] number(long value) {
        return utf8(Long.toString(value));
    }
}

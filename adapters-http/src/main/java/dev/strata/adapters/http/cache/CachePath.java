package dev.strata.adapters.http.cache;

import dev.strata.domain.cache.CacheKey;
import dev.strata.domain.shared.InvalidInputException;
import dev.strata.domain.shared.ResourceName;
import io.micronaut.core.annotation.Nullable;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/**
 * HTTP adapter: the path of one cache entry, {@code /v1/cache/{ns}/{key}}, read into a {@link CacheKey}.
 * The key is taken from the raw path and percent-decoded here, so that any byte sequence of valid UTF-8
 * (a slash or NUL included) is a key. The controller and the fast path both read paths with it.
 */
public final class CachePath {
    /** Where every cache route starts. */
    public static final String PREFIX = "/v1/cache/";
    /** The entry route's template, as Micronaut's server metrics name it. */
    public static final String ROUTE = "/v1/cache/{ns}/{key}";
    /** The namespace's statistics route, {@code /v1/cache/{ns}/stats}: not a key. */
    private static final String STATS = "stats";

    private CachePath() {
    }

    /**
     * The key of a routed request: the namespace as the route bound it, the key everything after
     * {@code /v1/cache/<ns>/} of the raw path, percent-decoded to UTF-8 bytes. Invalid input (a 400) when
     * the namespace is no valid name, an escape is malformed, the bytes are not UTF-8 or the key is invalid.
     */
    public static CacheKey key(String ns, String rawPath) {
        ResourceName namespace = ResourceName.of("namespace", ns);
        int start = rawPath.indexOf(PREFIX);
        int slash = start < 0 ? -1 : rawPath.indexOf('/', start + PREFIX.length());
        String encoded = slash < 0 ? "" : rawPath.substring(slash + 1);
        return new CacheKey(namespace, decode(encoded));
    }

    /**
     * The key of a request target that is exactly {@code /v1/cache/{ns}/{key}} with a valid namespace and key;
     * null for anything else — no key, a path under the key, a query string or fragment, the statistics
     * route, an invalid namespace or key — which Micronaut's router then decides (and reports).
     */
    @Nullable
    public static CacheKey exactKey(String uri) {
        if (!uri.startsWith(PREFIX)) {
            return null;
        }
        int slash = uri.indexOf('/', PREFIX.length());
        if (slash < 0 || slash + 1 == uri.length() || uri.indexOf('/', slash + 1) >= 0
                || uri.indexOf('?', slash) >= 0 || uri.indexOf('#', slash) >= 0) {
            // no key, a path under the key, a query string: Micronaut's route decides
            return null;
        }
        String ns = uri.substring(PREFIX.length(), slash);
        if (!ResourceName.isValid(ns)) {
            return null;
        }
        try {
            String key = decode(uri.substring(slash + 1));
            return key.equals(STATS) ? null : new CacheKey(ResourceName.of("namespace", ns), key);
        } catch (InvalidInputException e) {
            return null;
        }
    }

    /** A percent-encoded key as text: the escapes read as UTF-8 bytes; invalid input when malformed or not UTF-8. */
    static String decode(String encoded) {
        if (plainAscii(encoded)) {
            // nothing escaped and nothing beyond ASCII: the text already is its own UTF-8 decoding
            return encoded;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%') {
                int high = i + 1 < encoded.length() ? Character.digit(encoded.charAt(i + 1), 16) : -1;
                int low = i + 2 < encoded.length() ? Character.digit(encoded.charAt(i + 2), 16) : -1;
                if (high < 0 || low < 0) {
                    throw new InvalidInputException("key", "key has a malformed percent-escape");
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < encoded.length()) {
                bytes.writeBytes(encoded.substring(i, i + 2).getBytes(StandardCharsets.UTF_8));
                i++;
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInputException("key", "key must be UTF-8");
        }
    }

    private static boolean plainAscii(String encoded) {
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%' || c >= 0x80) {
                return false;
            }
        }
        return true;
    }
}

package dev.strata.domain.cache;

import dev.strata.domain.shared.InvalidInputException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Value object: the strong validator of a cached value, without the HTTP quotes. Every tier stores the
 * ETag it was given, so a value carries the same ETag in L1, L2 and L3.
 */
public record ETag(String value) {
    private static final Pattern VALID = Pattern.compile("^[A-Za-z0-9_-]{1,128}$");

    public ETag {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new InvalidInputException("etag", "etag must be 1-128 characters of [A-Za-z0-9_-]");
        }
    }

    /** The ETag of a value's content: the same bytes always give the same ETag, on every instance. */
    public static ETag of(CacheValue value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.json());
            return new ETag(Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 18)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** Parses an {@code If-Match}/{@code If-None-Match} entity tag (quoted or not); empty for anything else. */
    public static Optional<ETag> parseHeader(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String text = header.strip();
        if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
            text = text.substring(1, text.length() - 1);
        }
        return VALID.matcher(text).matches() ? Optional.of(new ETag(text)) : Optional.empty();
    }

    /** The HTTP form, in double quotes. */
    public String quoted() {
        return '"' + value + '"';
    }

    @Override
    public String toString() {
        return value;
    }
}

package dev.strata.domain.shared;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Shared kernel: ids of configured keys (JWT signing keys, vault master keys). Ids are case-insensitive and
 * held in lower case, because a map bound from environment variables arrives lower-cased
 * ({@code STRATA_JWT_KEYS_K2} becomes {@code k2}) while a plain value such as the active key id keeps its case.
 */
public final class KeyIds {
    /** What a normalised id looks like. */
    public static final Pattern SHAPE = Pattern.compile("[a-z0-9._-]{1,64}");

    private KeyIds() {
    }

    /** {@code id} trimmed and lower-cased; {@code null} or blank gives {@code null}. Not validated. */
    public static String normalise(String id) {
        if (id == null || id.isBlank()) {
            return null;
        }
        return id.trim().toLowerCase(Locale.ROOT);
    }

    /**
     * {@code id} normalised and checked: 1-64 of a-z 0-9 . _ - once lower-cased, and not already a key of
     * {@code taken} (whose keys are normalised ids). The messages name the id, never a key.
     *
     * @throws IllegalArgumentException when the id is malformed or configured twice
     */
    public static String require(String property, String id, Map<String, ?> taken) {
        String normalised = normalise(id);
        if (normalised == null || !SHAPE.matcher(normalised).matches()) {
            throw new IllegalArgumentException(property + ": key id '" + (normalised == null ? "" : normalised)
                    + "' must be 1-64 of a-z 0-9 . _ - (ids are case-insensitive)");
        }
        if (taken.containsKey(normalised)) {
            throw new IllegalArgumentException(property + "." + normalised
                    + " is configured twice (ids are case-insensitive)");
        }
        return normalised;
    }
}

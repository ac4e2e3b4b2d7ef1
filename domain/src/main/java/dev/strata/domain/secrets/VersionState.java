package dev.strata.domain.secrets;

import java.util.Locale;

/**
 * Value object: where a secret version stands — the one CURRENT version reveal returns by default, at most one
 * PENDING version of a staged rotation (revealed only when asked for), and PREVIOUS versions kept until pruned.
 */
public enum VersionState {
    CURRENT, PENDING, PREVIOUS;

    /** The lower-case form stored and shown ({@code current}, {@code pending}, {@code previous}). */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The state of a stored lower-case form. */
    public static VersionState fromWire(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }
}

package dev.strata.domain.secrets;

import java.util.Locale;

/** Value object: what an audited vault operation did to a secret. */
public enum AuditAction {
    CREATE, REVEAL, ROTATE, PROMOTE, DELETE, REWRAP;

    /** The lower-case form stored and hashed ({@code reveal}, ...). */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The action of a stored lower-case form. */
    public static AuditAction fromWire(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }
}

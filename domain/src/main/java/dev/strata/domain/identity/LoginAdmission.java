package dev.strata.domain.identity;

import java.time.Instant;

/** Value: may a password check for an account go ahead? An expected "no" (locked out) is a value. */
public sealed interface LoginAdmission {
    /** The attempt is counted; its outcome must be reported (failed or succeeded). */
    record Admitted() implements LoginAdmission {
    }

    /** The account is locked until {@code until}; no password is checked. */
    record LockedOut(Instant until) implements LoginAdmission {
    }
}

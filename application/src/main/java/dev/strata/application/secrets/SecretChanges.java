package dev.strata.application.secrets;

import dev.strata.domain.shared.ResourceName;

/**
 * What the vault tells after a change of a secret has committed, in the tenant's context: its name and version,
 * never a value (the wiring publishes them as events on topic {@code secrets}).
 */
@FunctionalInterface
public interface SecretChanges {
    /** Tells nothing. */
    SecretChanges NONE = (change, name, version) -> { };

    /** Kinds of change. */
    enum Change {
        CREATED, STAGED, ROTATED, DELETED, ROTATION_DUE
    }

    /** {@code change} of {@code name} committed; {@code version} is the new current (or pending, or last) version. */
    void changed(Change change, ResourceName name, int version);
}

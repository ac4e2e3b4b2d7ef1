package dev.strata.application.secrets;

import dev.strata.domain.shared.ResourceName;

/**
 * What the vault tells of a change of a secret, in the tenant's context and inside the change's unit of work (what
 * it writes commits or rolls back with the change): its name and version, never a value ({@link SecretEvents}
 * appends them as events on topic {@code secrets}).
 */
@FunctionalInterface
public interface SecretChanges {
    /** Tells nothing. */
    SecretChanges NONE = (change, name, version) -> { };

    /** Kinds of change. */
    enum Change {
        CREATED, STAGED, ROTATED, DELETED, ROTATION_DUE
    }

    /** {@code change} of {@code name} is being made; {@code version} is the new current (or pending, or last) version. */
    void changed(Change change, ResourceName name, int version);
}

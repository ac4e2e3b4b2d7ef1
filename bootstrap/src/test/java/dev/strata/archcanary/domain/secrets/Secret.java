package dev.strata.archcanary.domain.secrets;

import dev.strata.archcanary.domain.events.SecretRotated;

/** Canary fixture: ...and the secrets area uses the events area: a cycle between two area slices. */
public record Secret(String name, SecretRotated lastRotation) {
}

package dev.strata.archcanary.domain.events;

import dev.strata.archcanary.domain.secrets.Secret;

/** Canary fixture: the events area uses the secrets area... */
public record SecretRotated(Secret secret) {
}

package dev.strata.application.secrets.port;

import dev.strata.domain.shared.ResourceName;

/** Result: the plaintext of one version of a secret. Its {@link #toString()} never shows the value. */
public record RevealedSecret(ResourceName name, int version, String value) {
    @Override
    public String toString() {
        return "RevealedSecret[name=" + name + ", version=" + version + ", value=<hidden>]";
    }
}

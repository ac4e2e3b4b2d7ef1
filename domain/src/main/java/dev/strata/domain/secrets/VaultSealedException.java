package dev.strata.domain.secrets;

import dev.strata.domain.shared.DomainException;

/** Broken rule: the vault holds no master key, so nothing can be sealed or opened (503 "vault sealed"). */
public class VaultSealedException extends DomainException {
    public static final String CODE = "secrets.vault_sealed";

    public VaultSealedException() {
        super(CODE, "the vault is sealed: no master key is configured (strata.secrets.master-keys, strata.secrets.active-key)");
    }
}

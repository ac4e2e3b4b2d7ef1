package dev.strata.adapters.http.testing;

import dev.strata.domain.shared.DomainException;

/** A domain exception of no specific kind: must map to 400 with its own code. */
public class QuotaExceededException extends DomainException {
    public QuotaExceededException() {
        super("test.quota_exceeded", "the tenant's quota is used up");
    }
}

package dev.strata.domain.shared;

/**
 * Broken rule: the tenant already holds as many of a resource as its quota allows (429, naming the quota
 * and its limit), so that one tenant cannot take what the others share.
 */
public class QuotaExceededException extends DomainException {
    public static final String CODE = "quota.exceeded";

    private final Quota quota;

    public QuotaExceededException(Quota quota) {
        super(CODE, "quota '" + quota.name() + "' of " + quota.limit() + " per tenant is reached");
        this.quota = quota;
    }

    public Quota quota() {
        return quota;
    }
}

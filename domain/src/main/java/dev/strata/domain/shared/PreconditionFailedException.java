package dev.strata.domain.shared;

/** Broken rule: a precondition such as If-Match does not hold (412). */
public class PreconditionFailedException extends DomainException {
    public PreconditionFailedException(String message) {
        super("shared.precondition_failed", message);
    }

    public PreconditionFailedException(String code, String message) {
        super(code, message);
    }
}

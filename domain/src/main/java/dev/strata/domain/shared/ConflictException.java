package dev.strata.domain.shared;

/** Broken rule: the request conflicts with the current state (409). */
public class ConflictException extends DomainException {
    public ConflictException(String message) {
        super("shared.conflict", message);
    }

    public ConflictException(String code, String message) {
        super(code, message);
    }
}

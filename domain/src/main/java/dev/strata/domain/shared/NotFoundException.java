package dev.strata.domain.shared;

/** Broken rule: the resource does not exist in the caller's tenant (404). */
public class NotFoundException extends DomainException {
    public NotFoundException(String message) {
        super("shared.not_found", message);
    }

    public NotFoundException(String code, String message) {
        super(code, message);
    }
}

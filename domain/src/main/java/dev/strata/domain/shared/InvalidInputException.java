package dev.strata.domain.shared;

/** Broken rule: invalid input (400); names the offending field. */
public class InvalidInputException extends DomainException {
    private final String field;

    public InvalidInputException(String field, String message) {
        this("shared.invalid_input", field, message);
    }

    public InvalidInputException(String code, String field, String message) {
        super(code, message);
        this.field = field;
    }

    /** The request field at fault, or null when the whole request is. */
    public String field() {
        return field;
    }
}

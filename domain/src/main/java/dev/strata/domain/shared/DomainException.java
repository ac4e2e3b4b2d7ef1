package dev.strata.domain.shared;

import java.util.Objects;

/**
 * Base of broken-rule exceptions. The code is stable ({@code cache.value_too_large}) and is
 * what clients see as the problem type; one place at the HTTP edge maps subclasses to status.
 */
public abstract class DomainException extends RuntimeException {
    private final String code;

    protected DomainException(String code, String message) {
        super(message, null, false, false);
        this.code = Objects.requireNonNull(code, "code must not be null");
    }

    public String code() {
        return code;
    }
}

package dev.strata.domain.identity;

import dev.strata.domain.shared.UserId;
import java.time.Instant;
import java.util.Objects;

/** Entity: a registered end user of a tenant; holds only a slow hash of the password. */
public record User(UserId id, Email email, String passwordHash, Instant createdAt) {
    /** Checks the credentials of a login or registration: tenant and email present, password within bounds. */
    public static void requireCredentials(TenantSlug tenant, Email email, String password) {
        if (tenant == null) {
            throw new dev.strata.domain.shared.InvalidInputException("tenant", "tenant is required");
        }
        if (email == null) {
            throw new dev.strata.domain.shared.InvalidInputException("email", "email is required");
        }
        validPassword("password", password);
    }

    /** Passwords are 10–128 characters (API.md). */
    public static final int MIN_PASSWORD = 10;
    public static final int MAX_PASSWORD = 128;

    public User {
        Objects.requireNonNull(id, "id must not be null");
        Objects.requireNonNull(email, "email must not be null");
        Objects.requireNonNull(passwordHash, "passwordHash must not be null");
        Objects.requireNonNull(createdAt, "createdAt must not be null");
    }

    /** Checks a new password's length; {@code field} names it in the 400. */
    public static String validPassword(String field, String password) {
        int length = password == null ? 0 : password.codePointCount(0, password.length());
        if (length < MIN_PASSWORD || length > MAX_PASSWORD) {
            throw new dev.strata.domain.shared.InvalidInputException(field,
                    field + " must be " + MIN_PASSWORD + "-" + MAX_PASSWORD + " characters");
        }
        return password;
    }

    @Override
    public String toString() {
        return "User[id=" + id + ", email=" + email + ", passwordHash=<redacted>, createdAt=" + createdAt + "]";
    }
}

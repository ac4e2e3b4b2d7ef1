package dev.strata.application.sessions.port;

import dev.strata.domain.sessions.Email;
import dev.strata.domain.sessions.TenantSlug;
import dev.strata.domain.sessions.User;

/** Command: an end user's login with email and password. */
public record LoginUserCommand(TenantSlug tenant, Email email, String password) {
    public LoginUserCommand {
        if (tenant == null) {
            throw new dev.strata.domain.shared.InvalidInputException("tenant", "tenant is required");
        }
        if (email == null) {
            throw new dev.strata.domain.shared.InvalidInputException("email", "email is required");
        }
        User.validPassword("password", password);
    }

    @Override
    public String toString() {
        return "LoginUserCommand[tenant=" + tenant + ", email=" + email + ", password=<redacted>]";
    }
}

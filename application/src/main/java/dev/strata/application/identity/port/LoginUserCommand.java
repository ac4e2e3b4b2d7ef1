package dev.strata.application.identity.port;

import dev.strata.domain.identity.Email;
import dev.strata.domain.identity.TenantSlug;
import dev.strata.domain.identity.User;

/** Command: an end user's login with email and password. */
public record LoginUserCommand(TenantSlug tenant, Email email, String password) {
    public LoginUserCommand {
        User.requireCredentials(tenant, email, password);
    }

    @Override
    public String toString() {
        return "LoginUserCommand[tenant=" + tenant + ", email=" + email + ", password=<redacted>]";
    }
}

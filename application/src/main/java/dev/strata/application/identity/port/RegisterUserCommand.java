package dev.strata.application.identity.port;

import dev.strata.domain.identity.Email;
import dev.strata.domain.identity.TenantSlug;
import dev.strata.domain.identity.User;

/** Command: register an end user in the tenant named by its slug. */
public record RegisterUserCommand(TenantSlug tenant, Email email, String password) {
    public RegisterUserCommand {
        User.requireCredentials(tenant, email, password);
    }

    @Override
    public String toString() {
        return "RegisterUserCommand[tenant=" + tenant + ", email=" + email + ", password=<redacted>]";
    }
}

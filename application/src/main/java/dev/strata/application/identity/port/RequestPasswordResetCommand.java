package dev.strata.application.identity.port;

import dev.strata.domain.identity.Email;
import dev.strata.domain.identity.TenantSlug;
import java.util.Objects;

/** Command: ask for a password reset of an account (answered the same whether it exists or not). */
public record RequestPasswordResetCommand(TenantSlug tenant, Email email) {
    public RequestPasswordResetCommand {
        Objects.requireNonNull(tenant, "tenant must not be null");
        Objects.requireNonNull(email, "email must not be null");
    }
}

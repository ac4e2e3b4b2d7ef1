package dev.strata.application.sessions.port;

import dev.strata.domain.sessions.TenantSlug;
import java.util.Objects;

/** Command: create a tenant and its first admin client. */
public record CreateTenantCommand(TenantSlug slug) {
    public CreateTenantCommand {
        Objects.requireNonNull(slug, "slug must not be null");
    }
}

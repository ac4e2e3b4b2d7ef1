package dev.strata.application.identity.port;

import dev.strata.domain.identity.TenantSlug;
import java.util.Objects;

/** Command: create a tenant and its first admin client. */
public record CreateTenantCommand(TenantSlug slug) {
    public CreateTenantCommand {
        Objects.requireNonNull(slug, "slug must not be null");
    }
}

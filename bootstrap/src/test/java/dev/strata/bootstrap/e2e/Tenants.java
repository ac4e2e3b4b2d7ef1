package dev.strata.bootstrap.e2e;

import dev.strata.application.identity.port.CreateTenantCommand;
import dev.strata.application.identity.port.CreateTenantUseCase;
import dev.strata.application.identity.port.CreateTenantUseCase.TenantCreated;
import dev.strata.domain.identity.TenantSlug;
import java.util.UUID;

/** Test support: fresh tenants and tokens, so tests never depend on each other's data. */
final class Tenants {
    private Tenants() {
    }

    static TenantCreated create(StrataInstance instance) {
        String slug = "t-" + UUID.randomUUID().toString().substring(0, 12);
        return instance.context.getBean(CreateTenantUseCase.class).createTenant(new CreateTenantCommand(new TenantSlug(slug)));
    }

    /** A token of the tenant's admin client, with every scope it holds. */
    static String adminToken(StrataInstance instance, TenantCreated tenant) {
        return adminToken(instance, tenant, null);
    }

    /** A token of the tenant's admin client narrowed to {@code scope} (space-separated), or all its scopes when null. */
    static String adminToken(StrataInstance instance, TenantCreated tenant, String scope) {
        return token(instance, tenant.admin().clientId().value(), tenant.admin().clientSecret(), scope);
    }

    static String token(StrataInstance instance, String clientId, String secret) {
        return token(instance, clientId, secret, null);
    }

    static String token(StrataInstance instance, String clientId, String secret, String scope) {
        String form = "grant_type=client_credentials&client_id=" + clientId + "&client_secret=" + secret
                + (scope == null ? "" : "&scope=" + scope.replace(" ", "+").replace(":", "%3A"));
        StrataInstance.Response response = instance.postForm("/v1/auth/token", form);
        if (response.status() != 200) {
            throw new AssertionError("token request failed: " + response.status() + " " + response.body());
        }
        return response.json("access_token");
    }
}

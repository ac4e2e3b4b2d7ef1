package dev.strata.bootstrap;

import dev.strata.application.identity.port.ClientCredentials;
import dev.strata.application.identity.port.CreateClientCommand;
import dev.strata.application.identity.port.CreateClientUseCase;
import dev.strata.application.identity.port.CreateTenantCommand;
import dev.strata.application.identity.port.CreateTenantUseCase;
import dev.strata.application.identity.port.DeleteClientCommand;
import dev.strata.application.identity.port.DeleteClientUseCase;
import dev.strata.application.identity.port.ListClientsQuery;
import dev.strata.application.identity.port.ListClientsUseCase;
import dev.strata.application.shared.PageRequest;
import dev.strata.domain.identity.Tenant;
import dev.strata.domain.identity.TenantSlug;
import dev.strata.domain.identity.port.TenantDirectory;
import dev.strata.domain.shared.Scope;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.env.Environment;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Dev mode only ({@code make run}): makes sure the demo tenant exists and prints fresh admin
 * credentials plus a ready-to-paste curl example. Each start replaces the previous dev-run
 * client, because a secret is only ever shown once.
 */
@Singleton
@Requires(env = Environment.DEVELOPMENT)
@Requires(property = "strata.demo-tenant")
class DemoTenant implements ApplicationEventListener<ServerStartupEvent> {
    static final String DEV_CLIENT_NAME = "dev-run admin";

    private final TenantDirectory tenants;
    private final CreateTenantUseCase createTenant;
    private final CreateClientUseCase createClient;
    private final ListClientsUseCase listClients;
    private final DeleteClientUseCase deleteClient;
    private final String slug;

    DemoTenant(TenantDirectory tenants, CreateTenantUseCase createTenant, CreateClientUseCase createClient,
               ListClientsUseCase listClients, DeleteClientUseCase deleteClient, @Value("${strata.demo-tenant}") String slug) {
        this.tenants = tenants;
        this.createTenant = createTenant;
        this.createClient = createClient;
        this.listClients = listClients;
        this.deleteClient = deleteClient;
        this.slug = slug;
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        TenantSlug tenantSlug = new TenantSlug(slug);
        Optional<Tenant> existing = tenants.findBySlug(tenantSlug);
        TenantId tenantId;
        ClientCredentials credentials;
        if (existing.isEmpty()) {
            CreateTenantUseCase.TenantCreated created = createTenant.createTenant(new CreateTenantCommand(tenantSlug));
            tenantId = created.tenantId();
            credentials = created.admin();
        } else {
            tenantId = existing.get().id();
            credentials = TenantContext.callAs(tenantId, this::replaceDevClient);
        }
        print(event.getSource().getURL().toString(), tenantId, credentials);
    }

    private ClientCredentials replaceDevClient() {
        listClients.listClients(new ListClientsQuery(PageRequest.of(PageRequest.MAX_LIMIT, null))).items().stream()
                .filter(c -> DEV_CLIENT_NAME.equals(c.name()))
                .forEach(c -> deleteClient.deleteClient(new DeleteClientCommand(c.clientId())));
        return createClient.createClient(new CreateClientCommand(DEV_CLIENT_NAME, Scope.clientScopes()));
    }

    private void print(String url, TenantId tenantId, ClientCredentials credentials) {
        String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        System.out.printf("""

                ==== Strata dev mode: tenant '%s' ====
                tenantId=%s
                clientId=%s
                clientSecret=%s

                Try it (paste into a shell):
                  TOKEN=$(curl -s -X POST %s/v1/auth/token -d grant_type=client_credentials \\
                      -d client_id=%s -d client_secret=%s \\
                      | sed -E 's/.*"access_token":"([^"]+)".*/\\1/')
                  curl -s %s/v1/ping -H "Authorization: Bearer $TOKEN"; echo
                =====================================

                """, slug, tenantId, credentials.clientId(), credentials.clientSecret(),
                base, credentials.clientId(), credentials.clientSecret(), base);
        System.out.flush();
    }
}

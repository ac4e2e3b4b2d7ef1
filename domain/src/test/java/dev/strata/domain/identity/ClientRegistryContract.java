package dev.strata.domain.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.domain.identity.port.ClientRegistry;
import dev.strata.domain.shared.ClientId;
import dev.strata.domain.shared.ContractSupport;
import dev.strata.domain.shared.Scope;
import dev.strata.domain.shared.TenantId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract test of {@link ClientRegistry}: the in-memory fake and the Postgres adapter extend it. Each
 * test uses fresh tenants, announced through {@link #givenTenant}.
 */
public abstract class ClientRegistryContract extends ContractSupport {
    protected ClientRegistry registry;
    protected TenantId tenant;

    /** Hook: the registry under test; called before each test. */
    protected abstract ClientRegistry createSubject();

    @BeforeEach
    void createRegistry() {
        registry = createSubject();
        tenant = newTenant();
    }

    protected ServiceClient client(TenantId owner, String name, Set<Scope> scopes) {
        return new ServiceClient(ClientId.random(), owner, name, scopes, "hash-of-" + name, now());
    }

    @Test
    void findsASavedClient() {
        ServiceClient client = client(tenant, "billing", Set.of(Scope.CACHE_READ, Scope.ADMIN));
        runAs(tenant, () -> registry.save(client));
        assertEquals(client, as(tenant, () -> registry.find(client.id())).orElseThrow());
    }

    @Test
    void aClientWithoutScopesIsKeptAsSuch() {
        ServiceClient client = client(tenant, "no scopes", Set.of());
        runAs(tenant, () -> registry.save(client));
        assertEquals(Set.of(), as(tenant, () -> registry.find(client.id())).orElseThrow().scopes());
    }

    @Test
    void anUnknownClientIsAbsent() {
        assertTrue(as(tenant, () -> registry.find(ClientId.random())).isEmpty());
        assertTrue(registry.tenantOf(ClientId.random()).isEmpty());
    }

    @Test
    void tenantOfWorksWithoutATenantContext() {
        ServiceClient client = client(tenant, "router", Set.of(Scope.EVENTS_PUBLISH));
        runAs(tenant, () -> registry.save(client));
        assertEquals(Optional.of(tenant), registry.tenantOf(client.id()));
    }

    @Test
    void listPagesThroughEveryClientOnceInAStableOrder() {
        Set<ClientId> saved = new HashSet<>();
        for (int i = 0; i < 7; i++) {
            ServiceClient client = client(tenant, "client " + i, Set.of(Scope.CACHE_READ));
            runAs(tenant, () -> registry.save(client));
            saved.add(client.id());
        }
        List<ClientId> all = as(tenant, () -> registry.list(Optional.empty(), 100)).stream()
                .map(ServiceClient::id).toList();
        assertEquals(saved, new HashSet<>(all));

        List<ClientId> paged = new ArrayList<>();
        Optional<ClientId> after = Optional.empty();
        while (true) {
            Optional<ClientId> cursor = after;
            List<ServiceClient> page = as(tenant, () -> registry.list(cursor, 3));
            assertTrue(page.size() <= 3);
            if (page.isEmpty()) {
                break;
            }
            page.forEach(client -> paged.add(client.id()));
            after = Optional.of(page.get(page.size() - 1).id());
        }
        assertEquals(all, paged, "pages follow the order of the full listing, each client once");
    }

    @Test
    void deleteRemovesTheClientAndItsRouting() {
        ServiceClient client = client(tenant, "gone", Set.of(Scope.ADMIN));
        runAs(tenant, () -> registry.save(client));
        assertTrue(as(tenant, () -> registry.delete(client.id())));
        assertTrue(as(tenant, () -> registry.find(client.id())).isEmpty());
        assertTrue(registry.tenantOf(client.id()).isEmpty());
        assertFalse(as(tenant, () -> registry.delete(client.id())));
    }

    @Test
    void tenantsNeverSeeEachOthersClients() {
        TenantId other = newTenant();
        assertTenantCannotReach(tenant, other);
        assertTenantCannotReach(other, tenant);
    }

    private void assertTenantCannotReach(TenantId owner, TenantId intruder) {
        ServiceClient owned = client(owner, "owned by " + owner, Set.of(Scope.SECRETS_REVEAL));
        runAs(owner, () -> registry.save(owned));
        runAs(intruder, () -> {
            assertTrue(registry.find(owned.id()).isEmpty());
            Set<ClientId> visible = registry.list(Optional.empty(), 500).stream().map(ServiceClient::id)
                    .collect(Collectors.toSet());
            assertFalse(visible.contains(owned.id()));
            assertFalse(registry.delete(owned.id()));
        });
        assertEquals(owned, as(owner, () -> registry.find(owned.id())).orElseThrow());
        assertEquals(Optional.of(owner), registry.tenantOf(owned.id()));
    }
}

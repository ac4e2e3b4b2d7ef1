package dev.strata.adapters.postgres.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.adapters.postgres.identity.PostgresClientRegistry;
import dev.strata.adapters.postgres.identity.PostgresTenantDirectory;
import dev.strata.domain.identity.ServiceClient;
import dev.strata.domain.identity.Tenant;
import dev.strata.domain.identity.TenantSlug;
import dev.strata.domain.shared.ClientId;
import dev.strata.domain.shared.Scope;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import io.micronaut.context.ApplicationContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Row-level security as Strata's role sees it: no tenant setting, no rows; tenant A's setting,
 * never tenant B's rows (and the reverse); the setting is transaction-local and never leaks to the
 * next user of a pooled connection; the role cannot bypass RLS.
 */
class RowLevelSecurityIT {
    private static ApplicationContext context;
    private static DataSource dataSource;
    private static TenantId tenantA;
    private static TenantId tenantB;
    private static ClientId clientA;
    private static ClientId clientB;

    @BeforeAll
    static void seed() {
        context = PostgresTestContext.start();
        dataSource = context.getBean(DataSource.class);
        PostgresTenantDirectory tenants = context.getBean(PostgresTenantDirectory.class);
        PostgresClientRegistry clients = context.getBean(PostgresClientRegistry.class);
        tenantA = TenantId.random();
        tenantB = TenantId.random();
        tenants.create(new Tenant(tenantA, new TenantSlug("rls-a-" + tenantA.value().toString().substring(0, 8)), Instant.now()));
        tenants.create(new Tenant(tenantB, new TenantSlug("rls-b-" + tenantB.value().toString().substring(0, 8)), Instant.now()));
        clientA = ClientId.random();
        clientB = ClientId.random();
        TenantContext.runAs(tenantA, () -> clients.save(client(clientA, tenantA)));
        TenantContext.runAs(tenantB, () -> clients.save(client(clientB, tenantB)));
    }

    @AfterAll
    static void close() {
        context.close();
    }

    private static ServiceClient client(ClientId id, TenantId tenant) {
        return new ServiceClient(id, tenant, "rls", Set.of(Scope.CACHE_READ), "hash", Instant.now());
    }

    @Test
    void withoutTheSettingATenantTableYieldsNoRows() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select count(*) from service_clients")) {
            rows.next();
            assertEquals(0, rows.getLong(1), "no tenant setting must mean no rows at all");
        }
    }

    @Test
    void tenantASettingNeverReturnsTenantBRowsAndViceVersa() throws SQLException {
        assertEquals(List.of(clientA.value()), clientIdsSeenAs(tenantA, List.of(clientA, clientB)));
        assertEquals(List.of(clientB.value()), clientIdsSeenAs(tenantB, List.of(clientA, clientB)));
    }

    @Test
    void writingAnotherTenantsRowIsRefused() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                setTenant(connection, tenantA);
                SQLException refused = assertThrows(SQLException.class, () -> {
                    try (PreparedStatement insert = connection.prepareStatement(
                            "insert into service_clients (tenant_id, client_id, name, scopes, secret_hash, created_at) "
                                    + "values (?, ?, 'x', '{}', 'h', now())")) {
                        insert.setObject(1, tenantB.value());
                        insert.setString(2, ClientId.random().value());
                        insert.executeUpdate();
                    }
                });
                assertEquals("42501", refused.getSQLState(), "row-level security violation expected");
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        }
    }

    @Test
    void theSettingIsTransactionLocalAndDoesNotLeakThroughThePool() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            setTenant(connection, tenantA);
            connection.commit();
            connection.setAutoCommit(true);
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("select coalesce(current_setting('strata.tenant_id', true), '')")) {
                rows.next();
                assertEquals("", rows.getString(1));
            }
        }
    }

    @Test
    void strataRoleIsNeitherSuperuserNorBypassRls() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "select rolsuper, rolbypassrls from pg_roles where rolname = current_user")) {
            assertTrue(rows.next());
            assertFalse(rows.getBoolean(1), "superuser");
            assertFalse(rows.getBoolean(2), "bypassrls");
        }
    }

    @Test
    void rlsIsForcedOnEveryTenantScopedTable() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("""
                     select c.relname, c.relrowsecurity, c.relforcerowsecurity
                     from pg_class c join pg_namespace n on n.oid = c.relnamespace
                     join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped
                     where n.nspname = current_schema() and c.relkind in ('r', 'p')
                       and c.relname not in ('client_index', 'event_relay_queue')""")) {
            int tables = 0;
            while (rows.next()) {
                tables++;
                assertTrue(rows.getBoolean(2) && rows.getBoolean(3), rows.getString(1) + " must ENABLE and FORCE row-level security");
            }
            assertTrue(tables >= 1, "at least one tenant-scoped table expected");
        }
    }

    @Test
    void adapterNeverSeesAnotherTenantsClient() {
        PostgresClientRegistry clients = context.getBean(PostgresClientRegistry.class);
        assertEquals(Optional.empty(), TenantContext.callAs(tenantA, () -> clients.find(clientB)));
        assertEquals(Optional.empty(), TenantContext.callAs(tenantB, () -> clients.find(clientA)));
        assertFalse(TenantContext.callAs(tenantA, () -> clients.delete(clientB)));
        assertTrue(TenantContext.callAs(tenantB, () -> clients.find(clientB)).isPresent(), "B's client survives A's delete");
    }

    private static List<String> clientIdsSeenAs(TenantId tenant, List<ClientId> candidates) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                setTenant(connection, tenant);
                try (PreparedStatement query = connection.prepareStatement(
                        "select client_id from service_clients where client_id = any(?) order by client_id")) {
                    query.setArray(1, connection.createArrayOf("text", candidates.stream().map(ClientId::value).toArray()));
                    List<String> seen = new ArrayList<>();
                    try (ResultSet rows = query.executeQuery()) {
                        while (rows.next()) {
                            seen.add(rows.getString(1));
                        }
                    }
                    return seen;
                }
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        }
    }

    private static void setTenant(Connection connection, TenantId tenant) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select set_config('strata.tenant_id', ?, true)")) {
            statement.setString(1, tenant.value().toString());
            statement.execute();
        }
    }

}

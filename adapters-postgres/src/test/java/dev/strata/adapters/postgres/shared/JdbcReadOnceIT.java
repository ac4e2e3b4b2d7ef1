package dev.strata.adapters.postgres.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.strata.adapters.postgres.identity.PostgresClientRegistry;
import dev.strata.adapters.postgres.identity.PostgresTenantDirectory;
import dev.strata.domain.identity.ServiceClient;
import dev.strata.domain.identity.Tenant;
import dev.strata.domain.identity.TenantSlug;
import dev.strata.domain.shared.ClientId;
import dev.strata.domain.shared.Scope;
import dev.strata.domain.shared.StoreUnavailableException;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import dev.strata.domain.shared.TestServices;
import io.micronaut.context.ApplicationContext;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link Jdbc#readOnce}, the one-round-trip read, on a pool of ONE connection (so the next user is the very same
 * connection): row-level security both ways, and neither the tenant nor the statement timeout outlives the read,
 * whether it succeeds or fails; inside a transaction it joins that transaction.
 */
class JdbcReadOnceIT {
    private static final String SELECT = "select client_id from service_clients where client_id = any(?) order by client_id";
    private static ApplicationContext context;
    private static Jdbc jdbc;
    private static DataSource dataSource;
    private static TenantId tenantA;
    private static TenantId tenantB;
    private static ClientId clientA;
    private static ClientId clientB;
    private static String baseTimeout;

    @BeforeAll
    static void seed() {
        context = ApplicationContext.run(Map.of(
                "datasources.default.url", TestServices.jdbcUrl(),
                "datasources.default.username", TestServices.jdbcUser(),
                "datasources.default.password", TestServices.jdbcPassword(),
                "datasources.default.driver-class-name", "org.postgresql.Driver",
                "datasources.default.maximum-pool-size", "1",
                "datasources.default.minimum-idle", "1",
                "strata.migrations.username", TestServices.jdbcOwnerUser(),
                "strata.migrations.password", TestServices.jdbcOwnerPassword()), "test");
        jdbc = context.getBean(Jdbc.class);
        dataSource = context.getBean(DataSource.class);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select current_setting('statement_timeout')")) {
            rows.next();
            baseTimeout = rows.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        PostgresTenantDirectory tenants = context.getBean(PostgresTenantDirectory.class);
        PostgresClientRegistry clients = context.getBean(PostgresClientRegistry.class);
        tenantA = TenantId.random();
        tenantB = TenantId.random();
        tenants.create(new Tenant(tenantA, new TenantSlug("once-a-" + tenantA.value().toString().substring(0, 8)), Instant.now()));
        tenants.create(new Tenant(tenantB, new TenantSlug("once-b-" + tenantB.value().toString().substring(0, 8)), Instant.now()));
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
        return new ServiceClient(id, tenant, "once", Set.of(Scope.CACHE_READ), "hash", Instant.now());
    }

    private static List<String> seenAs(TenantId tenant) {
        return TenantContext.callAs(tenant, () -> jdbc.readOnce(SELECT,
                (statement, first) -> statement.setArray(first, statement.getConnection().createArrayOf("text",
                        new Object[] {clientA.value(), clientB.value()})),
                rows -> {
                    List<String> seen = new ArrayList<>();
                    while (rows.next()) {
                        seen.add(rows.getString(1));
                    }
                    return seen;
                }));
    }

    @Test
    void eachTenantSeesItsOwnRowsOnlyBothWays() {
        // more reads than the driver's prepare threshold: the statements are then prepared server-side
        for (int i = 0; i < 12; i++) {
            assertEquals(List.of(clientA.value()), seenAs(tenantA), "read " + i);
            assertEquals(List.of(clientB.value()), seenAs(tenantB), "read " + i + ", the same pooled connection");
        }
    }

    @Test
    void typedTimestampsStayRightOnceThePairIsPreparedServerSide() {
        for (int i = 0; i < 12; i++) {
            long found = TenantContext.callAs(tenantA, () -> jdbc.readOnce(
                    "select count(*) from service_clients where created_at < ?",
                    (statement, first) -> statement.setObject(first, OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(1)),
                    rows -> rows.next() ? rows.getLong(1) : -1));
            assertEquals(1, found, "read " + i);
        }
    }

    @Test
    void noSettingOutlivesTheRead() throws SQLException {
        assertEquals(List.of(clientB.value()), seenAs(tenantB));
        assertSettingsAreGone();
    }

    @Test
    void noSettingOutlivesAFailedRead() throws SQLException {
        assertThrows(StoreUnavailableException.class, () -> TenantContext.callAs(tenantA, () -> jdbc.readOnce(
                "select 1 / (count(*) - count(*)) from service_clients", (statement, first) -> { }, rows -> rows.next())));
        assertSettingsAreGone();
        assertEquals(List.of(clientA.value()), seenAs(tenantA), "the connection is fit for the next read");
    }

    @Test
    void insideATransactionItJoinsIt() {
        List<String> seen = TenantContext.callAs(tenantA, () -> jdbc.inTransaction(connection -> seenAs(tenantA)));
        assertEquals(List.of(clientA.value()), seen);
    }

    private static void assertSettingsAreGone() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "select coalesce(current_setting('strata.tenant_id', true), ''), current_setting('statement_timeout'),"
                             + " (select count(*) from service_clients)")) {
            rows.next();
            assertEquals("", rows.getString(1), "tenant setting leaked to the next user of the connection");
            assertEquals(baseTimeout, rows.getString(2), "statement timeout leaked to the next user of the connection");
            assertEquals(0, rows.getLong(3), "rows visible without a tenant");
        }
    }
}

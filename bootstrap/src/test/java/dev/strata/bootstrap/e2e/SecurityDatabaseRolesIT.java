package dev.strata.bootstrap.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.adapters.postgres.shared.PostgresRoleGuard;
import dev.strata.domain.shared.StoreUnavailableException;
import dev.strata.domain.shared.TestServices;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The serving role has DML only: the schema belongs to the migration role, so the role that serves requests
 * cannot switch row-level security off, drop or create tables; and Strata refuses to serve with a role that
 * owns a table, at start or, when Postgres was unreachable at start, on the first connection.
 */
class SecurityDatabaseRolesIT {
    private static final String JDBC = TestServices.jdbcUrl();
    private static final String SERVING_USER = "strata";
    private static final String SERVING_PASSWORD = "strata";

    @BeforeAll
    static void migrated() {
        // an instance's start migrates the schema as the owner role
        StrataInstance.start().close();
    }

    @Test
    void theServingRoleCannotSwitchRowLevelSecurityOffNorDropNorCreateTables() throws SQLException {
        try (Connection connection = DriverManager.getConnection(JDBC, SERVING_USER, SERVING_PASSWORD);
             Statement statement = connection.createStatement()) {
            assertRefused(statement, "alter table service_clients no force row level security");
            assertRefused(statement, "alter table service_clients disable row level security");
            assertRefused(statement, "drop policy tenant_isolation on service_clients");
            assertRefused(statement, "drop table service_clients");
            assertRefused(statement, "create table serving_role_scratch (x int)");
            assertRefused(statement, "delete from flyway_schema_history");
            try (ResultSet rows = statement.executeQuery("""
                    select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace
                    where n.nspname = 'public' and c.relkind in ('r', 'p') and c.relowner <> (
                        select oid from pg_roles where rolname = current_user)""")) {
                rows.next();
                assertTrue(rows.getLong(1) >= 1, "the tables exist and belong to another role");
            }
        }
    }

    @Test
    void theServingRoleStillHasDmlAndRunsThePolicyFunction() throws SQLException {
        try (Connection connection = DriverManager.getConnection(JDBC, SERVING_USER, SERVING_PASSWORD);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select count(*) from service_clients where tenant_id = strata_current_tenant()")) {
            assertTrue(rows.next());
            assertEquals(0, rows.getLong(1), "no tenant setting, no rows");
        }
    }

    @Test
    void aServingRoleThatOwnsTheTablesIsRefusedAtStart() throws SQLException {
        Map<String, Object> owner = Map.of(
                "datasources.default.username", StrataInstance.ownerUser(),
                "datasources.default.password", StrataInstance.ownerPassword());
        RuntimeException refused = assertThrows(RuntimeException.class, () -> StrataInstance.start(owner).close());
        String messages = messages(refused);
        assertTrue(messages.contains("owns table"), messages);
        assertTrue(messages.contains(StrataInstance.ownerUser()), messages);
        // the refused start ran the migrations as the owner, serving role = owner: the owner keeps its own rights
        try (Connection connection = DriverManager.getConnection(JDBC, StrataInstance.ownerUser(), StrataInstance.ownerPassword());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select has_table_privilege(current_user, 'flyway_schema_history', 'insert')")) {
            assertTrue(rows.next());
            assertTrue(rows.getBoolean(1), "the owner can still record migrations");
        }
    }

    @Test
    void whenPostgresWasDownAtStartTheFirstConnectionRunsTheCheck() throws Exception {
        try (TcpProxy proxy = new TcpProxy(URI.create(JDBC.substring("jdbc:".length())))) {
            String url = JDBC.replaceFirst("//[^/]+/", "//127.0.0.1:" + proxy.port + "/");
            Map<String, Object> postgresDown = new HashMap<>();
            postgresDown.put("datasources.default.url", url);
            postgresDown.put("datasources.default.initialization-fail-timeout", -1);
            postgresDown.put("datasources.default.connection-timeout", 1000);
            postgresDown.put("strata.migrations.enabled", false);
            Map<String, Object> owner = new HashMap<>(postgresDown);
            owner.put("datasources.default.username", StrataInstance.ownerUser());
            owner.put("datasources.default.password", StrataInstance.ownerPassword());
            try (StrataInstance refused = StrataInstance.start(owner); StrataInstance accepted = StrataInstance.start(postgresDown)) {
                PostgresRoleGuard guard = refused.context.getBean(PostgresRoleGuard.class);
                assertEquals(503, refused.get("/health/readiness", null).status(), "Postgres is down");
                assertTrue(guard.refusal().isEmpty(), "nothing checked yet");

                proxy.open();
                long deadline = System.nanoTime() + 60_000_000_000L;
                while (!works(accepted) && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
                assertTrue(works(accepted), "a proper serving role works once Postgres is back");
                while (guard.refusal().isEmpty() && System.nanoTime() < deadline) {
                    assertThrows(StoreUnavailableException.class, () -> Tenants.create(refused));
                    Thread.sleep(200);
                }
                assertTrue(guard.refusal().orElse("").contains("owns table"), guard.refusal().toString());
                assertThrows(StoreUnavailableException.class, () -> Tenants.create(refused), "every unit of work is refused");
                StrataInstance.Response readiness = refused.get("/health/readiness", null);
                assertEquals(503, readiness.status(), readiness.body());
                assertEquals(200, accepted.get("/health/readiness", null).status());
            }
        }
    }

    /** Runs {@code sql} in a transaction that is rolled back whatever happens, and expects it refused. */
    private static void assertRefused(Statement statement, String sql) throws SQLException {
        Connection connection = statement.getConnection();
        connection.setAutoCommit(false);
        try {
            SQLException refused = assertThrows(SQLException.class, () -> statement.execute(sql), sql);
            assertEquals("42501", refused.getSQLState(), sql + ": " + refused.getMessage());
        } finally {
            connection.rollback();
            connection.setAutoCommit(true);
        }
    }

    private static boolean works(StrataInstance instance) {
        try {
            Tenants.create(instance);
            return true;
        } catch (StoreUnavailableException e) {
            return false;
        }
    }

    private static String messages(Throwable error) {
        StringBuilder messages = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append(" | ");
        }
        return messages.toString();
    }

    /** A TCP forwarder to Postgres on a port that refuses connections until {@link #open()}. */
    private static final class TcpProxy implements AutoCloseable {
        final int port;
        private final URI target;
        private final List<Socket> sockets = new CopyOnWriteArrayList<>();
        private ServerSocket server;

        TcpProxy(URI target) throws IOException {
            this.target = target;
            try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
                this.port = probe.getLocalPort();
            }
        }

        void open() throws IOException {
            server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket client = server.accept();
                        Socket upstream = new Socket(target.getHost(), target.getPort());
                        sockets.add(client);
                        sockets.add(upstream);
                        pipe(client, upstream);
                        pipe(upstream, client);
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "postgres-proxy");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        private static void pipe(Socket from, Socket to) {
            Thread copier = new Thread(() -> {
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    in.transferTo(out);
                } catch (IOException e) {
                    // either side closed
                } finally {
                    try {
                        to.close();
                        from.close();
                    } catch (IOException ignored) {
                        // closing anyway
                    }
                }
            }, "postgres-proxy-pipe");
            copier.setDaemon(true);
            copier.start();
        }

        @Override
        public void close() throws IOException {
            if (server != null) {
                server.close();
            }
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }
}

package dev.strata.adapters.postgres.vectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.adapters.postgres.shared.PostgresTestContext;
import dev.strata.domain.shared.Quota;
import dev.strata.domain.shared.ResourceName;
import dev.strata.domain.shared.TenantId;
import dev.strata.domain.shared.TestServices;
import dev.strata.domain.vectors.CollectionDefinition;
import dev.strata.domain.vectors.Embedding;
import dev.strata.domain.vectors.Metric;
import dev.strata.domain.vectors.VectorId;
import dev.strata.domain.vectors.VectorItem;
import dev.strata.domain.vectors.VectorStoreContract;
import dev.strata.domain.vectors.port.VectorCollections;
import dev.strata.domain.vectors.port.VectorStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The vector store contract against real Postgres with pgvector, and what only Postgres has: the items table a
 * definition creates (owned by the migrating role, row-level security bound to the tenant even for a statement
 * that names the table directly) and its removal with the collection.
 */
class PostgresVectorStoreIT extends VectorStoreContract {
    @Override
    protected VectorCollections createCollections() {
        return PostgresTestContext.shared().getBean(PostgresVectorCollections.class);
    }

    @Override
    protected VectorStore createStore() {
        return PostgresTestContext.shared().getBean(PostgresVectorStore.class);
    }

    @Override
    protected void givenTenant(TenantId tenant) {
        PostgresTestContext.insertTenant(tenant);
    }

    private long tableId(ResourceName name) throws SQLException {
        try (Connection connection = serving(); Statement statement = connection.createStatement()) {
            statement.execute("select set_config('strata.tenant_id', '" + tenant.value() + "', false)");
            try (ResultSet rows = statement.executeQuery(
                    "select id from vector_collections where name = '" + name.value() + "'")) {
                assertTrue(rows.next());
                return rows.getLong(1);
            }
        }
    }

    private static Connection serving() throws SQLException {
        return DriverManager.getConnection(TestServices.jdbcUrl(), TestServices.jdbcUser(), TestServices.jdbcPassword());
    }

    @Test
    void aVectorSearchUnderRowLevelSecurityUsesTheIndex() throws SQLException {
        ResourceName name = new ResourceName("plan-" + unique());
        List<VectorItem> items = new java.util.ArrayList<>();
        for (int i = 0; i < 500; i++) {
            items.add(VectorItem.of(new VectorId("v" + i), Embedding.of((float) Math.cos(i), (float) Math.sin(i), i % 7)));
        }
        runAs(tenant, () -> {
            collections.define(CollectionDefinition.of(name, 3, Metric.COSINE), new Quota("collections", 10));
            store.upsert(name, items);
        });
        String table = "vector_items_" + tableId(name);
        String explain = "explain select id from " + table + " order by embedding <=> '[1,0,1]' limit 10";
        try (Connection connection = serving()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("select set_config('strata.tenant_id', '" + tenant.value() + "', true)");
                CollectionRows.requireForVectorSearch(connection, name, 40, null, false);
                String plan = plan(statement, explain);
                assertTrue(plan.contains("Index Scan using " + table), plan);
                assertEquals("40", setting(statement, "hnsw.ef_search"));
            } finally {
                connection.rollback();
            }
        }
    }

    private static String plan(Statement statement, String sql) throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                plan.append(rows.getString(1)).append('\n');
            }
        }
        return plan.toString();
    }

    private static String setting(Statement statement, String name) throws SQLException {
        try (ResultSet rows = statement.executeQuery("select current_setting('" + name + "')")) {
            rows.next();
            return rows.getString(1);
        }
    }

    @Test
    void theItemsTableBelongsToTheOwnerAndRowLevelSecurityBindsItToTheTenant() throws SQLException {
        ResourceName name = new ResourceName("rls-" + unique());
        runAs(tenant, () -> {
            collections.define(CollectionDefinition.of(name, 2, Metric.L2), new Quota("collections", 10));
            store.upsert(name, List.of(VectorItem.of(new VectorId("a"), Embedding.of(1, 2))));
        });
        String table = "vector_items_" + tableId(name);
        try (Connection connection = serving(); Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery("select pg_get_userbyid(relowner) <> current_user,"
                    + " relrowsecurity, relforcerowsecurity from pg_class where relname = '" + table + "'")) {
                assertTrue(rows.next());
                assertTrue(rows.getBoolean(1), "the serving role does not own the items table");
                assertTrue(rows.getBoolean(2) && rows.getBoolean(3), "row-level security enabled and forced");
            }
            try (ResultSet rows = statement.executeQuery("select count(*) from " + table)) {
                rows.next();
                assertEquals(0, rows.getLong(1), "no tenant set: no rows");
            }
            statement.execute("select set_config('strata.tenant_id', '" + TenantId.random().value() + "', false)");
            try (ResultSet rows = statement.executeQuery("select count(*) from " + table)) {
                rows.next();
                assertEquals(0, rows.getLong(1), "another tenant: no rows");
            }
            assertThrows(SQLException.class, () -> statement.executeUpdate("insert into " + table
                    + " (id, embedding) values ('x', '[1,1]')"), "another tenant cannot write");
            assertThrows(SQLException.class, () -> statement.execute("drop table " + table), "no DDL for the serving role");
            statement.execute("select set_config('strata.tenant_id', '" + tenant.value() + "', false)");
            try (ResultSet rows = statement.executeQuery("select count(*) from " + table)) {
                rows.next();
                assertEquals(1, rows.getLong(1));
            }
        }
        assertTrue(as(tenant, () -> collections.delete(name)));
        try (Connection connection = serving(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select to_regclass('" + table + "') is null")) {
            rows.next();
            assertTrue(rows.getBoolean(1), "deleting the collection drops its table");
        }
    }

    @Test
    void theCreateFunctionOnlyBuildsTheCallersOwnCollections() throws SQLException {
        ResourceName name = new ResourceName("fn-" + unique());
        runAs(tenant, () -> collections.define(CollectionDefinition.of(name, 2, Metric.L2), new Quota("collections", 10)));
        long id = tableId(name);
        try (Connection connection = serving(); Statement statement = connection.createStatement()) {
            statement.execute("select set_config('strata.tenant_id', '" + TenantId.random().value() + "', false)");
            assertThrows(SQLException.class, () -> statement.execute("select strata_vector_collection_create(" + id + ")"));
            try (ResultSet rows = statement.executeQuery("select strata_vector_collection_drop('" + name.value() + "')")) {
                rows.next();
                assertFalse(rows.getBoolean(1), "another tenant cannot drop it");
            }
        }
        assertTrue(as(tenant, () -> collections.find(name)).isPresent());
    }
}

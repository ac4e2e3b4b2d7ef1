package dev.strata.adapters.postgres.vectors;

import dev.strata.adapters.postgres.shared.Jdbc;
import dev.strata.adapters.postgres.shared.QuotaGate;
import dev.strata.domain.shared.Quota;
import dev.strata.domain.shared.ResourceName;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import dev.strata.domain.vectors.CollectionDefinition;
import dev.strata.domain.vectors.CollectionInfo;
import dev.strata.domain.vectors.DefineCollectionResult;
import dev.strata.domain.vectors.TenantCollection;
import dev.strata.domain.vectors.port.VectorCollections;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Postgres adapter for {@link VectorCollections}: the catalogue {@code vector_collections} (RLS) and, per
 * collection, an items table that the security-definer function {@code strata_vector_collection_create} builds
 * in the defining transaction (and {@code strata_vector_collection_drop} drops), since the serving role has no DDL.
 */
@Singleton
public class PostgresVectorCollections implements VectorCollections {
    private final Jdbc jdbc;

    public PostgresVectorCollections(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public DefineCollectionResult define(CollectionDefinition definition, Quota quota) {
        TenantContext.require();
        return jdbc.inTransaction(connection -> {
            Optional<CollectionRows.Row> existing = CollectionRows.find(connection, definition.name());
            if (existing.isPresent()) {
                return compare(existing.get().info(), definition);
            }
            QuotaGate.admit(connection, TenantContext.require(), quota, "vector_collections", List.of("name"),
                    definition.name().value());
            Optional<Long> id = CollectionRows.insert(connection, definition);
            if (id.isEmpty()) {
                return compare(CollectionRows.require(connection, definition.name()).info(), definition);
            }
            try (PreparedStatement create = connection.prepareStatement("select strata_vector_collection_create(?)")) {
                create.setLong(1, id.get());
                create.execute();
            }
            return new DefineCollectionResult.Created(CollectionRows.require(connection, definition.name()).info());
        });
    }

    private static DefineCollectionResult compare(CollectionInfo existing, CollectionDefinition asked) {
        return existing.definition().equals(asked)
                ? new DefineCollectionResult.Identical(existing)
                : new DefineCollectionResult.Conflict(existing);
    }

    @Override
    public Optional<CollectionInfo> find(ResourceName name) {
        TenantContext.require();
        return jdbc.inTransaction(connection -> CollectionRows.find(connection, name).map(CollectionRows.Row::info));
    }

    @Override
    public List<CollectionInfo> list(Optional<ResourceName> after, int limit) {
        TenantContext.require();
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        return jdbc.inTransaction(connection -> CollectionRows.list(connection, after, limit));
    }

    @Override
    public List<TenantCollection> everyTenant(int limit) {
        // the catalogue's row-level security is forced: a security-definer function visits the tenants one by one
        return jdbc.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "select tenant_id, name from strata_vector_collections_everywhere(?)")) {
                statement.setInt(1, Math.max(0, limit));
                List<TenantCollection> all = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        all.add(new TenantCollection(new TenantId(rows.getObject(1, UUID.class)),
                                new ResourceName(rows.getString(2))));
                    }
                }
                return all;
            }
        });
    }

    @Override
    public boolean delete(ResourceName name) {
        TenantContext.require();
        return jdbc.inTransaction(connection -> drop(connection, name));
    }

    private static boolean drop(Connection connection, ResourceName name) throws SQLException {
        try (PreparedStatement drop = connection.prepareStatement("select strata_vector_collection_drop(?)")) {
            drop.setString(1, name.value());
            try (ResultSet rows = drop.executeQuery()) {
                rows.next();
                return rows.getBoolean(1);
            }
        }
    }
}

package dev.strata.adapters.postgres.identity;

import dev.strata.adapters.postgres.shared.Jdbc;
import dev.strata.domain.identity.ServiceClient;
import dev.strata.domain.identity.port.ClientRegistry;
import dev.strata.domain.shared.ClientId;
import dev.strata.domain.shared.ConflictException;
import dev.strata.domain.shared.Scope;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Postgres adapter for {@link ClientRegistry}: {@code service_clients} (tenant-scoped, RLS) plus
 * the routing row in {@code client_index}, written in one transaction.
 */
@Singleton
public class PostgresClientRegistry implements ClientRegistry {
    private static final String COLUMNS = "client_id, tenant_id, name, scopes, secret_hash, created_at";
    private final Jdbc jdbc;

    public PostgresClientRegistry(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void save(ServiceClient client) {
        TenantId tenant = TenantContext.require();
        if (!tenant.equals(client.tenantId())) {
            throw new IllegalArgumentException("client belongs to another tenant than the current context");
        }
        try {
            jdbc.inTransaction(connection -> {
                try (PreparedStatement index = connection.prepareStatement(
                        "insert into client_index (client_id, tenant_id) values (?, ?)");
                     PreparedStatement row = connection.prepareStatement(
                             "insert into service_clients (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?)")) {
                    index.setString(1, client.id().value());
                    index.setObject(2, tenant.value());
                    index.executeUpdate();
                    row.setString(1, client.id().value());
                    row.setObject(2, tenant.value());
                    row.setString(3, client.name());
                    row.setArray(4, connection.createArrayOf("text",
                            client.scopes().stream().sorted().map(Scope::wire).toArray()));
                    row.setString(5, client.secretHash());
                    row.setTimestamp(6, Timestamp.from(client.createdAt()));
                    return row.executeUpdate();
                }
            });
        } catch (ConflictException e) {
            throw new ConflictException("sessions.client_exists", "client id already exists");
        }
    }

    @Override
    public Optional<ServiceClient> find(ClientId id) {
        TenantContext.require();
        return jdbc.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "select " + COLUMNS + " from service_clients where client_id = ?")) {
                statement.setString(1, id.value());
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next() ? Optional.of(map(rows)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<ServiceClient> list(Optional<ClientId> afterId, int limit) {
        TenantContext.require();
        return jdbc.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "select " + COLUMNS + " from service_clients where client_id > ? order by client_id limit ?")) {
                statement.setString(1, afterId.map(ClientId::value).orElse(""));
                statement.setInt(2, limit);
                List<ServiceClient> result = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        result.add(map(rows));
                    }
                }
                return result;
            }
        });
    }

    @Override
    public boolean delete(ClientId id) {
        TenantContext.require();
        return jdbc.inTransaction(connection -> {
            try (PreparedStatement row = connection.prepareStatement(
                    "delete from service_clients where client_id = ? returning tenant_id");
                 PreparedStatement index = connection.prepareStatement(
                         "delete from client_index where client_id = ? and tenant_id = ?")) {
                row.setString(1, id.value());
                UUID tenant;
                try (ResultSet rows = row.executeQuery()) {
                    if (!rows.next()) {
                        return false;
                    }
                    tenant = rows.getObject(1, UUID.class);
                }
                index.setString(1, id.value());
                index.setObject(2, tenant);
                index.executeUpdate();
                return true;
            }
        });
    }

    @Override
    public Optional<TenantId> tenantOf(ClientId id) {
        return jdbc.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "select tenant_id from client_index where client_id = ?")) {
                statement.setString(1, id.value());
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next() ? Optional.of(new TenantId(rows.getObject(1, UUID.class))) : Optional.empty();
                }
            }
        });
    }

    private static ServiceClient map(ResultSet rows) throws SQLException {
        Array scopes = rows.getArray(4);
        List<String> names = Arrays.stream((Object[]) scopes.getArray()).map(String::valueOf).toList();
        return new ServiceClient(new ClientId(rows.getString(1)), new TenantId(rows.getObject(2, UUID.class)),
                rows.getString(3), Scope.parseAll("scopes", names), rows.getString(5), rows.getTimestamp(6).toInstant());
    }
}

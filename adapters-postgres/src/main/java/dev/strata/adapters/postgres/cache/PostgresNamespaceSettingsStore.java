package dev.strata.adapters.postgres.cache;

import dev.strata.adapters.postgres.shared.Jdbc;
import dev.strata.domain.cache.NamespaceSettings;
import dev.strata.domain.cache.port.NamespaceSettingsStore;
import dev.strata.domain.shared.ResourceName;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Optional;

/** Postgres adapter for {@link NamespaceSettingsStore}: table {@code cache_namespaces} (tenant-scoped, RLS). */
@Singleton
public class PostgresNamespaceSettingsStore implements NamespaceSettingsStore {
    private final Jdbc jdbc;

    public PostgresNamespaceSettingsStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<NamespaceSettings> find(ResourceName namespace) {
        TenantContext.require();
        return jdbc.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "select default_ttl_seconds, durable, l1_enabled, l1_max_entries, l1_ttl_seconds "
                            + "from cache_namespaces where namespace = ?")) {
                statement.setString(1, namespace.value());
                try (ResultSet rows = statement.executeQuery()) {
                    if (!rows.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new NamespaceSettings(namespace, Duration.ofSeconds(rows.getLong(1)), rows.getBoolean(2),
                            rows.getBoolean(3), rows.getInt(4), Duration.ofSeconds(rows.getLong(5))));
                }
            }
        });
    }

    @Override
    public void save(NamespaceSettings settings) {
        TenantId tenant = TenantContext.require();
        jdbc.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "insert into cache_namespaces (tenant_id, namespace, default_ttl_seconds, durable, l1_enabled, l1_max_entries, "
                            + "l1_ttl_seconds, updated_at) values (?, ?, ?, ?, ?, ?, ?, now()) on conflict (tenant_id, namespace) do update set "
                            + "default_ttl_seconds = excluded.default_ttl_seconds, durable = excluded.durable, l1_enabled = excluded.l1_enabled, "
                            + "l1_max_entries = excluded.l1_max_entries, l1_ttl_seconds = excluded.l1_ttl_seconds, updated_at = now()")) {
                statement.setObject(1, tenant.value());
                statement.setString(2, settings.namespace().value());
                statement.setLong(3, settings.defaultTtl().toSeconds());
                statement.setBoolean(4, settings.durable());
                statement.setBoolean(5, settings.l1Enabled());
                statement.setInt(6, settings.l1MaxEntries());
                statement.setLong(7, settings.l1Ttl().toSeconds());
                return statement.executeUpdate();
            }
        });
    }
}

package dev.strata.adapters.postgres.cache;

import dev.strata.adapters.postgres.shared.Jdbc;
import dev.strata.adapters.postgres.shared.QuotaGate;
import dev.strata.domain.cache.port.CacheNamespaces;
import dev.strata.domain.shared.Quota;
import dev.strata.domain.shared.ResourceName;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.util.List;

/** Postgres adapter for {@link CacheNamespaces}: table {@code cache_namespace_registry} (tenant-scoped, RLS). */
@Singleton
public class PostgresCacheNamespaces implements CacheNamespaces {
    private final Jdbc jdbc;

    public PostgresCacheNamespaces(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void register(ResourceName namespace, Quota quota) {
        TenantId tenant = TenantContext.require();
        jdbc.inTransaction(connection -> {
            QuotaGate.admit(connection, tenant, quota, "cache_namespace_registry", List.of("namespace"), namespace.value());
            try (PreparedStatement insert = connection.prepareStatement(
                    "insert into cache_namespace_registry (tenant_id, namespace) values (?, ?) on conflict do nothing")) {
                insert.setObject(1, tenant.value());
                insert.setString(2, namespace.value());
                return insert.executeUpdate();
            }
        });
    }
}

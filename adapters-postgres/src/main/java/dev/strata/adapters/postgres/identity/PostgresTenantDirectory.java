package dev.strata.adapters.postgres.identity;

import dev.strata.adapters.postgres.shared.Jdbc;
import dev.strata.domain.identity.Tenant;
import dev.strata.domain.identity.TenantSlug;
import dev.strata.domain.identity.port.TenantDirectory;
import dev.strata.domain.shared.ConflictException;
import dev.strata.domain.shared.TenantId;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;
import java.util.UUID;

/** Postgres adapter for {@link TenantDirectory}: the global {@code tenants} table. */
@Singleton
public class PostgresTenantDirectory implements TenantDirectory {
    private final Jdbc jdbc;

    public PostgresTenantDirectory(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void create(Tenant tenant) {
        try {
            jdbc.inTransaction(connection -> {
                try (PreparedStatement statement = connection.prepareStatement(
                        "insert into tenants (id, slug, created_at) values (?, ?, ?)")) {
                    statement.setObject(1, tenant.id().value());
                    statement.setString(2, tenant.slug().value());
                    statement.setTimestamp(3, Timestamp.from(tenant.createdAt()));
                    return statement.executeUpdate();
                }
            });
        } catch (ConflictException e) {
            throw new ConflictException("sessions.tenant_exists", "tenant '" + tenant.slug() + "' already exists");
        }
    }

    @Override
    public Optional<Tenant> findBySlug(TenantSlug slug) {
        return findOne("select id, slug, created_at from tenants where slug = ?", slug.value());
    }

    @Override
    public Optional<Tenant> findById(TenantId id) {
        return findOne("select id, slug, created_at from tenants where id = ?", id.value());
    }

    private Optional<Tenant> findOne(String sql, Object parameter) {
        return jdbc.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setObject(1, parameter);
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next() ? Optional.of(map(rows)) : Optional.empty();
                }
            }
        });
    }

    private static Tenant map(ResultSet rows) throws SQLException {
        return new Tenant(new TenantId(rows.getObject(1, UUID.class)), new TenantSlug(rows.getString(2)),
                rows.getTimestamp(3).toInstant());
    }
}

package dev.strata.adapters.postgres.operations;

import dev.strata.adapters.postgres.shared.Jdbc;
import dev.strata.domain.operations.OutboxFigures;
import dev.strata.domain.operations.port.ClusterFigures;
import dev.strata.domain.operations.port.OutboxMonitor;
import dev.strata.domain.shared.TenantId;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Postgres adapter for {@link OutboxMonitor} and {@link ClusterFigures}: aggregates over all tenants through the
 * SECURITY DEFINER functions of V31, which answer counts, ages and group names only.
 */
@Singleton
public class PostgresClusterFigures implements OutboxMonitor, ClusterFigures {
    private final Jdbc jdbc;

    public PostgresClusterFigures(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public OutboxFigures figures() {
        try {
            return jdbc.inTransaction(connection -> {
                try (PreparedStatement statement = connection.prepareStatement(
                        "select backlog, extract(epoch from (now() - oldest)) from strata_ops_outbox()");
                     ResultSet rows = statement.executeQuery()) {
                    if (!rows.next()) {
                        return new OutboxFigures(0L, null);
                    }
                    double age = rows.getDouble(2);
                    Double oldest = rows.wasNull() ? null : Math.max(0, age);
                    return new OutboxFigures(rows.getLong(1), oldest);
                }
            });
        } catch (RuntimeException e) {
            return OutboxFigures.unknown();
        }
    }

    @Override
    public long sessionsActive(Instant now) {
        return jdbc.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("select strata_ops_sessions_active(?)")) {
                statement.setTimestamp(1, Timestamp.from(now));
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            }
        });
    }

    @Override
    public long deadLetters() {
        return jdbc.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("select strata_ops_dead_letters()");
                 ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }

    @Override
    public List<TenantGroup> groups(int limit) {
        return jdbc.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "select tenant_id, slug, topic, name from strata_ops_groups(?)")) {
                statement.setInt(1, Math.max(0, limit));
                List<TenantGroup> groups = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        groups.add(new TenantGroup(new TenantId(rows.getObject(1, java.util.UUID.class)), rows.getString(2),
                                rows.getString(3), rows.getString(4)));
                    }
                }
                return groups;
            }
        });
    }
}

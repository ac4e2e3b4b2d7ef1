package dev.strata.adapters.postgres.operations;

import dev.strata.adapters.postgres.shared.Jdbc;
import dev.strata.domain.operations.port.GroupDirectory;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/** Postgres adapter for {@link GroupDirectory}: the current tenant's rows of {@code event_groups} (RLS-scoped). */
@Singleton
public class PostgresGroupDirectory implements GroupDirectory {
    private final Jdbc jdbc;

    public PostgresGroupDirectory(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<GroupRef> groupsOfCurrentTenant(int limit) {
        return jdbc.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("select topic, name from event_groups "
                    + "where tenant_id = strata_current_tenant() order by topic, name limit ?")) {
                statement.setInt(1, Math.max(0, limit));
                List<GroupRef> groups = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        groups.add(new GroupRef(rows.getString(1), rows.getString(2)));
                    }
                }
                return groups;
            }
        });
    }
}

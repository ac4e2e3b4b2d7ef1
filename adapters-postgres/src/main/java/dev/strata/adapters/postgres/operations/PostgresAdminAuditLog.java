package dev.strata.adapters.postgres.operations;

import dev.strata.adapters.postgres.shared.Jdbc;
import dev.strata.domain.operations.AdminAction;
import dev.strata.domain.operations.AdminAuditEntry;
import dev.strata.domain.operations.AdminAuditRecord;
import dev.strata.domain.operations.port.AdminAuditLog;
import dev.strata.domain.shared.TenantContext;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Postgres adapter for {@link AdminAuditLog} ({@code admin_audit}, RLS; the serving role may only INSERT and
 * SELECT). Ids come from an identity column: they increase in commit-independent append order, which is all
 * "newest first" paging needs.
 */
@Singleton
public class PostgresAdminAuditLog implements AdminAuditLog {
    private static final String COLUMNS = "id, actor, action, target, outcome, detail, time";

    private final Jdbc jdbc;

    public PostgresAdminAuditLog(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public AdminAuditRecord append(AdminAuditEntry entry) {
        TenantContext.require();
        return jdbc.inTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("insert into admin_audit (tenant_id, actor, "
                    + "action, target, outcome, detail, time) values (strata_current_tenant(), ?, ?, ?, ?, ?, ?) returning id")) {
                insert.setString(1, entry.actor());
                insert.setString(2, entry.action().wire());
                insert.setString(3, entry.target());
                insert.setString(4, entry.succeeded() ? "succeeded" : "failed");
                insert.setString(5, entry.detail());
                insert.setTimestamp(6, Timestamp.from(entry.time()));
                try (ResultSet rows = insert.executeQuery()) {
                    rows.next();
                    return new AdminAuditRecord(rows.getLong(1), entry);
                }
            }
        });
    }

    @Override
    public List<AdminAuditRecord> readNewestFirst(OptionalLong beforeId, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        TenantContext.require();
        return jdbc.inTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement("select " + COLUMNS + " from admin_audit"
                    + (beforeId.isPresent() ? " where id < ?" : "") + " order by id desc limit ?")) {
                int index = 1;
                if (beforeId.isPresent()) {
                    select.setLong(index++, beforeId.getAsLong());
                }
                select.setInt(index, limit);
                List<AdminAuditRecord> records = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        records.add(record(rows));
                    }
                }
                return records;
            }
        });
    }

    private static AdminAuditRecord record(ResultSet rows) throws SQLException {
        AdminAction action = AdminAction.fromWire(rows.getString(3))
                .orElseThrow(() -> new IllegalStateException("unknown admin action in the audit log"));
        return new AdminAuditRecord(rows.getLong(1), new AdminAuditEntry(rows.getString(2), action, rows.getString(4),
                "succeeded".equals(rows.getString(5)), rows.getString(6), rows.getTimestamp(7).toInstant()));
    }
}

package dev.strata.adapters.postgres.shared;

import dev.strata.domain.shared.Quota;
import dev.strata.domain.shared.QuotaExceededException;
import dev.strata.domain.shared.TenantId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Postgres adapter helper: admits one more of a tenant's resources under its quota, exactly across
 * instances. Inside the caller's transaction it takes a transaction-scoped advisory lock on (tenant,
 * quota), so two creations of the same kind for one tenant are serialised until commit; a resource
 * that already exists is always admitted, a new one only while the tenant holds fewer than the limit.
 */
public final class QuotaGate {
    private QuotaGate() {
    }

    /**
     * Throws {@link QuotaExceededException} unless the tenant's row of {@code table} keyed by {@code keyColumns} =
     * {@code key} exists already or one more row fits. {@code table} and {@code keyColumns} are the adapter's own
     * constants (never input); the table must be tenant-scoped by {@code tenant_id} under row-level security.
     */
    public static void admit(Connection connection, TenantId tenant, Quota quota, String table, List<String> keyColumns,
                             Object... key) throws SQLException {
        if (keyColumns.isEmpty() || keyColumns.size() != key.length) {
            throw new IllegalArgumentException("one key value per key column");
        }
        try (PreparedStatement lock = connection.prepareStatement("select pg_advisory_xact_lock(hashtext(?), hashtext(?))")) {
            // quota names hold a colon, which no resource name may: no clash with other advisory locks
            lock.setString(1, tenant.toString());
            lock.setString(2, "quota:" + quota.name());
            lock.execute();
        }
        String tenantRows = " from " + table + " where tenant_id = strata_current_tenant()";
        try (PreparedStatement exists = connection.prepareStatement("select 1" + tenantRows
                + keyColumns.stream().map(column -> " and " + column + " = ?").collect(Collectors.joining()))) {
            for (int i = 0; i < key.length; i++) {
                exists.setObject(i + 1, key[i]);
            }
            try (ResultSet rows = exists.executeQuery()) {
                if (rows.next()) {
                    return;
                }
            }
        }
        try (PreparedStatement count = connection.prepareStatement("select count(*)" + tenantRows);
             ResultSet rows = count.executeQuery()) {
            rows.next();
            quota.check(rows.getLong(1));
        }
    }
}

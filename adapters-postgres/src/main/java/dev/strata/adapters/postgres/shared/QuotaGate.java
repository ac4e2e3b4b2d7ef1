package dev.strata.adapters.postgres.shared;

import dev.strata.domain.shared.Quota;
import dev.strata.domain.shared.QuotaExceededException;
import dev.strata.domain.shared.TenantId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

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
     * Throws {@link QuotaExceededException} unless the resource exists already or one more fits.
     *
     * @param existsSql a query that returns a row when the resource exists (parameters: {@code key})
     * @param countSql  a query that returns the tenant's count of the resource (no parameters; RLS scopes it)
     */
    public static void admit(Connection connection, TenantId tenant, Quota quota, String existsSql, String countSql,
                             Object... key) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("select pg_advisory_xact_lock(hashtext(?), hashtext(?))")) {
            // quota names hold a colon, which no resource name may: no clash with other advisory locks
            lock.setString(1, tenant.toString());
            lock.setString(2, "quota:" + quota.name());
            lock.execute();
        }
        try (PreparedStatement exists = connection.prepareStatement(existsSql)) {
            for (int i = 0; i < key.length; i++) {
                exists.setObject(i + 1, key[i]);
            }
            try (ResultSet rows = exists.executeQuery()) {
                if (rows.next()) {
                    return;
                }
            }
        }
        try (PreparedStatement count = connection.prepareStatement(countSql);
             ResultSet rows = count.executeQuery()) {
            rows.next();
            quota.check(rows.getLong(1));
        }
    }
}

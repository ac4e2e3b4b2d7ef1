package dev.strata.adapters.postgres.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.adapters.postgres.shared.Jdbc;
import dev.strata.adapters.postgres.shared.PostgresTestContext;
import dev.strata.domain.secrets.SecretStoreContract;
import dev.strata.domain.secrets.SecretVersion;
import dev.strata.domain.secrets.VersionState;
import dev.strata.domain.secrets.port.SecretStore;
import dev.strata.domain.shared.ResourceName;
import dev.strata.domain.shared.TenantId;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The secret store contract against real Postgres, plus what only rows can show: destroyed versions are gone. */
class PostgresSecretStoreIT extends SecretStoreContract {
    private static Jdbc jdbc() {
        return PostgresTestContext.shared().getBean(Jdbc.class);
    }

    @Override
    protected SecretStore createSubject() {
        return PostgresTestContext.shared().getBean(PostgresSecretStore.class);
    }

    @Override
    protected void givenTenant(TenantId tenant) {
        PostgresTestContext.insertTenant(tenant);
    }

    /** Rows of the tenant's secret_versions (any state) for {@code name}, and of its secrets row. */
    private long rows(String table, ResourceName name) {
        return as(tenant, () -> jdbc().inTransaction(connection -> {
            try (PreparedStatement count = connection.prepareStatement("select count(*) from " + table + " where name = ?")) {
                count.setString(1, name.value());
                try (ResultSet rows = count.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            }
        }));
    }

    @Test
    void deleteLeavesNoRowAndNoWrappedKeyBehind() {
        Instant at = now();
        runAs(tenant, () -> {
            store.create(metadata(STRIPE, at), encrypted("k1"), ROOMY);
            store.addVersion(new SecretVersion(STRIPE, 2, VersionState.CURRENT, encrypted("k1"), at));
            store.addVersion(new SecretVersion(STRIPE, 3, VersionState.PENDING, encrypted("k1"), at));
        });
        assertEquals(3, rows("secret_versions", STRIPE));
        assertTrue(as(tenant, () -> store.delete(STRIPE)));
        assertEquals(0, rows("secret_versions", STRIPE), "rows deleted, not flagged");
        assertEquals(0, rows("secrets", STRIPE));
    }

    @Test
    void prunedVersionsLeaveNoRowBehind() {
        Instant at = now();
        runAs(tenant, () -> {
            store.create(metadata(STRIPE, at, 90, 2), encrypted("k1"), ROOMY);
            for (int version = 2; version <= 4; version++) {
                store.addVersion(new SecretVersion(STRIPE, version, VersionState.CURRENT, encrypted("k1"), at));
            }
        });
        assertEquals(2, rows("secret_versions", STRIPE));
    }

    @Test
    void versionsJoinTheCallersTransaction() {
        Instant at = now();
        assertThrows(IllegalStateException.class, () -> runAs(tenant, () -> jdbc().run(() -> {
            store.create(metadata(STRIPE, at), encrypted("k1"), ROOMY);
            throw new IllegalStateException("the caller's audit record failed");
        })));
        assertTrue(as(tenant, () -> store.find(STRIPE)).isEmpty(), "rolled back with the caller");
        assertEquals(0, rows("secret_versions", STRIPE));
    }
}

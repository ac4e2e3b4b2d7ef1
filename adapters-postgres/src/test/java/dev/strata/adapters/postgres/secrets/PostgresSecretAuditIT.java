package dev.strata.adapters.postgres.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.adapters.postgres.shared.Jdbc;
import dev.strata.adapters.postgres.shared.PostgresTestContext;
import dev.strata.domain.secrets.AuditAction;
import dev.strata.domain.secrets.ChainVerification;
import dev.strata.domain.secrets.SecretAuditContract;
import dev.strata.domain.secrets.port.SecretAudit;
import dev.strata.domain.shared.StoreUnavailableException;
import dev.strata.domain.shared.TenantId;
import dev.strata.domain.shared.TestServices;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * The audit contract against real Postgres, plus what the database itself must guarantee: the serving role can
 * neither change nor remove a record, an append joins the caller's transaction, and a record altered behind
 * Strata's back (by the table's owner, here) breaks the chain exactly there.
 */
class PostgresSecretAuditIT extends SecretAuditContract {
    private static Jdbc jdbc() {
        return PostgresTestContext.shared().getBean(Jdbc.class);
    }

    @Override
    protected SecretAudit createSubject() {
        return PostgresTestContext.shared().getBean(PostgresSecretAudit.class);
    }

    @Override
    protected void givenTenant(TenantId tenant) {
        PostgresTestContext.insertTenant(tenant);
    }

    private void servingRoleRuns(String sql) {
        runAs(tenant, () -> jdbc().inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                return statement.execute();
            }
        }));
    }

    /** Runs {@code sql} as the owner role (which the application never uses), in {@code tenant}'s rows. */
    private void ownerRuns(String sql) throws SQLException {
        try (Connection owner = DriverManager.getConnection(TestServices.jdbcUrl(), TestServices.jdbcOwnerUser(),
                TestServices.jdbcOwnerPassword())) {
            owner.setAutoCommit(false);
            try (PreparedStatement setting = owner.prepareStatement("select set_config('strata.tenant_id', ?, true)")) {
                setting.setString(1, tenant.toString());
                setting.execute();
            }
            try (PreparedStatement statement = owner.prepareStatement(sql)) {
                statement.execute();
            }
            owner.commit();
        }
    }

    @Test
    void theServingRoleCanNeitherChangeNorRemoveARecord() {
        append(tenant, entry(DB, 1, AuditAction.CREATE));
        append(tenant, entry(DB, 1, AuditAction.REVEAL));
        for (String sql : new String[] {"update secret_audit set actor = 'someone-else'",
                "delete from secret_audit", "truncate secret_audit"}) {
            StoreUnavailableException refused = assertThrows(StoreUnavailableException.class, () -> servingRoleRuns(sql), sql);
            assertTrue(refused.getMessage().contains("42501"), sql + ": " + refused.getMessage());
        }
        assertEquals(2, as(tenant, () -> audit.read(Optional.empty(), 0, 10)).size());
        assertEquals(ChainVerification.valid(2), as(tenant, () -> audit.verify()));
    }

    @Test
    void aLaterBlanketGrantIsUndoneByTheNextMigrate() throws SQLException {
        append(tenant, entry(DB, 1, AuditAction.CREATE));
        // what re-provisioning an existing database does: DML on every table to the serving role
        ownerRuns("grant select, insert, update, delete on all tables in schema public to \"" + TestServices.jdbcUser() + "\"");
        PostgresTestContext.shared().getBean(dev.strata.adapters.postgres.shared.PostgresMigrations.class).migrate();
        for (String sql : new String[] {"update secret_audit set actor = 'someone-else'", "delete from secret_audit"}) {
            StoreUnavailableException refused = assertThrows(StoreUnavailableException.class, () -> servingRoleRuns(sql), sql);
            assertTrue(refused.getMessage().contains("42501"), sql + ": " + refused.getMessage());
        }
    }

    @Test
    void appendsJoinTheCallersTransaction() {
        append(tenant, entry(DB, 1, AuditAction.CREATE));
        assertThrows(IllegalStateException.class, () -> runAs(tenant, () -> jdbc().run(() -> {
            audit.append(entry(DB, 1, AuditAction.REVEAL));
            throw new IllegalStateException("the caller's operation failed");
        })));
        assertEquals(1, as(tenant, () -> audit.read(Optional.empty(), 0, 10)).size(), "rolled back with the caller");
        assertEquals(2, append(tenant, entry(DB, 1, AuditAction.REVEAL)).sequence(), "no gap after the rollback");
    }

    @Test
    void aRecordAlteredBehindStratasBackBreaksTheChainThere() throws SQLException {
        for (int i = 0; i < 4; i++) {
            append(tenant, entry(DB, 1, AuditAction.REVEAL));
        }
        assertEquals(ChainVerification.valid(4), as(tenant, () -> audit.verify()));

        ownerRuns("update secret_audit set actor = 'client:innocent' where sequence = 3");
        ChainVerification verification = as(tenant, () -> audit.verify());
        assertEquals(OptionalLong.of(3), verification.brokenAt());
        assertEquals(2, verification.checked());
        assertEquals(Optional.of("hash does not match the record"), verification.reason());
    }

    @Test
    void aRemovedRecordBreaksTheChainWhereItWas() throws SQLException {
        for (int i = 0; i < 3; i++) {
            append(tenant, entry(DB, 1, AuditAction.REVEAL));
        }
        ownerRuns("delete from secret_audit where sequence = 2");
        ChainVerification verification = as(tenant, () -> audit.verify());
        assertEquals(OptionalLong.of(2), verification.brokenAt());
        assertEquals(Optional.of("record 2 is missing"), verification.reason());
    }

    @Test
    void aRecordMadeUnreadableBreaksTheChainInsteadOfFailingTheCheck() throws SQLException {
        append(tenant, entry(DB, 1, AuditAction.REVEAL));
        append(tenant, entry(DB, 1, AuditAction.REVEAL));
        ownerRuns("update secret_audit set secret = 'NOT A NAME' where sequence = 2");
        assertEquals(ChainVerification.brokenAt(1, 2, "record is malformed"), as(tenant, () -> audit.verify()));
    }
}

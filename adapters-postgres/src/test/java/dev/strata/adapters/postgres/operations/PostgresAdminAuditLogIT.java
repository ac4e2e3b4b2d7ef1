package dev.strata.adapters.postgres.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.adapters.postgres.shared.Jdbc;
import dev.strata.adapters.postgres.shared.PostgresTestContext;
import dev.strata.domain.operations.AdminAuditLogContract;
import dev.strata.domain.operations.port.AdminAuditLog;
import dev.strata.domain.shared.StoreUnavailableException;
import dev.strata.domain.shared.TenantId;
import java.sql.PreparedStatement;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The admin audit contract against real Postgres, plus: the serving role can neither change nor remove a record. */
class PostgresAdminAuditLogIT extends AdminAuditLogContract {
    @Override
    protected AdminAuditLog createSubject() {
        return PostgresTestContext.shared().getBean(PostgresAdminAuditLog.class);
    }

    @Override
    protected void givenTenant(TenantId tenant) {
        PostgresTestContext.insertTenant(tenant);
    }

    @Test
    void theServingRoleCanNeitherChangeNorRemoveARecord() {
        append(tenant, entry("products"));
        Jdbc jdbc = PostgresTestContext.shared().getBean(Jdbc.class);
        for (String sql : new String[] {"update admin_audit set actor = 'someone-else'", "delete from admin_audit",
                "truncate admin_audit"}) {
            StoreUnavailableException refused = assertThrows(StoreUnavailableException.class,
                    () -> runAs(tenant, () -> jdbc.inTransaction(connection -> {
                        try (PreparedStatement statement = connection.prepareStatement(sql)) {
                            return statement.execute();
                        }
                    })), sql);
            assertTrue(refused.getMessage().contains("42501"), sql + ": " + refused.getMessage());
        }
        assertEquals(1, as(tenant, () -> log.readNewestFirst(OptionalLong.empty(), 10)).size());
    }
}

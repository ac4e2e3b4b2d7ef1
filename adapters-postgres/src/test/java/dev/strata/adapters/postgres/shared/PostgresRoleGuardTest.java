package dev.strata.adapters.postgres.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.adapters.postgres.shared.PostgresRoleGuard.RoleFacts;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which serving roles the guard refuses; what Postgres reports about a role is tested in SecurityDatabaseRolesIT. */
class PostgresRoleGuardTest {

    @Test
    void aRoleWithDmlOnlyMayServe() {
        assertEquals(Optional.empty(), new RoleFacts("strata", false, false, null, false, null).refusal());
    }

    @Test
    void aSuperuserIsRefused() {
        assertTrue(new RoleFacts("root", true, false, null, false, null).refusal().orElseThrow().contains("superuser"));
    }

    @Test
    void aBypassRlsRoleIsRefused() {
        assertTrue(new RoleFacts("bypass", false, true, null, false, null).refusal().orElseThrow().contains("BYPASSRLS"));
    }

    @Test
    void anOwnerOfATableIsRefused() {
        String refusal = new RoleFacts("strata", false, false, "service_clients", false, null).refusal().orElseThrow();
        assertTrue(refusal.contains("owns table service_clients"), refusal);
    }

    @Test
    void anOwnerOfTheDatabaseOrTheSchemaIsRefused() {
        assertTrue(new RoleFacts("strata", false, false, null, true, null).refusal().orElseThrow().contains("owns the database"));
        assertTrue(new RoleFacts("strata", false, false, null, false, "public").refusal().orElseThrow().contains("owns schema public"));
    }
}

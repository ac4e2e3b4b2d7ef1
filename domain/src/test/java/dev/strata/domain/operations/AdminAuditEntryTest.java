package dev.strata.domain.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.strata.domain.shared.InvalidInputException;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AdminAuditEntryTest {
    private static final Instant NOW = Instant.parse("2026-12-06T04:00:00.123456Z");

    @Test
    void refusesAnEmptyActorOrTargetNamingTheField() {
        assertEquals("actor", assertThrows(InvalidInputException.class,
                () -> new AdminAuditEntry("", AdminAction.CACHE_INVALIDATE_TAG, "ns", true, "", NOW)).field());
        assertEquals("target", assertThrows(InvalidInputException.class,
                () -> new AdminAuditEntry("a", AdminAction.CACHE_INVALIDATE_TAG, null, true, "", NOW)).field());
    }

    @Test
    void keepsMillisecondsAndBoundsTheDetail() {
        AdminAuditEntry entry = new AdminAuditEntry("a", AdminAction.CACHE_INVALIDATE_TAG, "ns", true, "x".repeat(600), NOW);
        assertEquals(Instant.parse("2026-12-06T04:00:00.123Z"), entry.time());
        assertEquals(AdminAuditEntry.MAX_DETAIL, entry.detail().length());
    }

    @Test
    void actionsRoundTripTheirWireNames() {
        for (AdminAction action : AdminAction.values()) {
            assertEquals(Optional.of(action), AdminAction.fromWire(action.wire()));
        }
        assertEquals(Optional.empty(), AdminAction.fromWire("cache.flush-all"));
    }
}

package dev.strata.domain.shared;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.domain.events.ConsumerName;
import dev.strata.domain.events.GroupName;
import dev.strata.domain.events.Topic;
import dev.strata.domain.ratelimits.RateLimitAlgorithm;
import dev.strata.domain.ratelimits.RateLimitPolicy;
import org.junit.jupiter.api.Test;

/** Names starting with "strata." (any case) are Strata's own: every name a tenant chooses refuses them. */
class ReservedNamesTest {
    @Test
    void thePrefixIsReservedInAnyCase() {
        assertTrue(ReservedNames.isReserved("strata.access"));
        assertTrue(ReservedNames.isReserved("strata."));
        assertTrue(ReservedNames.isReserved("STRATA.x"));
        assertTrue(ReservedNames.isReserved("Strata.X"));
        assertFalse(ReservedNames.isReserved("strata"));
        assertFalse(ReservedNames.isReserved("strata-x"));
        assertFalse(ReservedNames.isReserved("my.strata.x"));
        assertFalse(ReservedNames.isReserved(null));
    }

    @Test
    void everyTenantNameRefusesItWithTheReservedNameCode() {
        expectReserved("namespace", () -> ResourceName.of("namespace", "strata.access"));
        expectReserved("name", () -> new ResourceName("strata.x"));
        expectReserved("topic", () -> new Topic("strata.x"));
        expectReserved("group", () -> new GroupName("strata.x"));
        expectReserved("policy", () -> new RateLimitPolicy("strata.x", 5, 60, RateLimitAlgorithm.SLIDING_WINDOW));
        expectReserved("consumer", () -> new ConsumerName("STRATA.worker"));
    }

    @Test
    void ordinaryNamesStayAllowed() {
        assertDoesNotThrow(() -> ResourceName.of("namespace", "strata"));
        assertDoesNotThrow(() -> new Topic("strata-events"));
        assertDoesNotThrow(() -> new ConsumerName("worker.strata.1"));
    }

    private static void expectReserved(String field, Executable creation) {
        InvalidInputException refused = assertThrows(InvalidInputException.class, creation::run);
        assertEquals(ReservedNames.CODE, refused.code());
        assertEquals(field, refused.field());
    }

    /** A creation that may throw. */
    private interface Executable {
        void run();
    }
}

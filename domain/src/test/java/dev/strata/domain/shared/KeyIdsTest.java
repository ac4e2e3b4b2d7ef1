package dev.strata.domain.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Key ids: case-insensitive, held lower-cased, one shape, no two differing only in case. */
class KeyIdsTest {
    @Test
    void idsAreTrimmedAndLowerCased() {
        assertEquals("k2", KeyIds.normalise(" K2 "));
        assertEquals("rotation.2024-a_b", KeyIds.normalise("Rotation.2024-A_b"));
        assertNull(KeyIds.normalise(null));
        assertNull(KeyIds.normalise("  "));
        assertEquals("k2", KeyIds.require("strata.x.keys", "K2", Map.of("k1", 1)));
    }

    @Test
    void twoIdsDifferingOnlyInCaseAndMalformedIdsAreRefused() {
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> KeyIds.require("strata.x.keys", "K1", Map.of("k1", 1)));
        assertEquals("strata.x.keys.k1 is configured twice (ids are case-insensitive)", twice.getMessage());
        for (String bad : new String[] {"", "k 1", "k/1", "ключ", "k".repeat(65)}) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> KeyIds.require("strata.x.keys", bad, Map.of()), bad);
            assertTrue(refused.getMessage().contains("must be 1-64 of a-z 0-9 . _ -"), refused.getMessage());
        }
    }
}

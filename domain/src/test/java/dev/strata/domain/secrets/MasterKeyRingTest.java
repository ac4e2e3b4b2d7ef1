package dev.strata.domain.secrets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MasterKeyRingTest {
    private static byte[] key(int fill) {
        byte[] key = new byte[MasterKeyRing.MIN_KEY_BYTES];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (fill + i);
        }
        return key;
    }

    @Test
    void aShortKeyIsRefusedNamingTheIdAndNotTheKey() {
        byte[] shortKey = "not-long-enough-key-material-31".getBytes(StandardCharsets.US_ASCII);
        assertEquals(31, shortKey.length);
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> MasterKeyRing.of(Map.of("k-short", shortKey), "k-short"));
        assertTrue(refused.getMessage().contains("'k-short'"), refused.getMessage());
        assertFalse(refused.getMessage().contains("not-long-enough"), refused.getMessage());
        assertFalse(refused.getMessage().contains(Base64.getEncoder().encodeToString(shortKey)), refused.getMessage());
        assertFalse(refused.getMessage().contains(Arrays.toString(shortKey)), refused.getMessage());
    }

    @Test
    void anActiveIdThatIsNotConfiguredIsRefused() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> MasterKeyRing.of(Map.of("k1", key(1)), "k2"));
        assertTrue(refused.getMessage().contains("'k2'"), refused.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MasterKeyRing.of(Map.of("k1", key(1)), null));
    }

    @Test
    void noKeysOrABlankIdIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> MasterKeyRing.of(Map.of(), "k1"));
        assertThrows(IllegalArgumentException.class, () -> MasterKeyRing.of(null, "k1"));
        assertThrows(IllegalArgumentException.class, () -> MasterKeyRing.of(Map.of(" ", key(1)), " "));
    }

    @Test
    void toStringNamesIdsButNeverShowsKeyBytes() {
        byte[] k1 = key(65); // 'A', 'B', ...: printable, so a leak would be visible as text too
        byte[] k2 = key(97);
        MasterKeyRing ring = MasterKeyRing.of(Map.of("k1", k1, "k2", k2), "k2");
        String shown = ring.toString();
        assertEquals("MasterKeyRing[ids=[k1, k2], active=k2]", shown);
        for (byte[] key : new byte[][] {k1, k2}) {
            assertFalse(shown.contains(new String(key, 0, 8, StandardCharsets.US_ASCII)), shown);
            assertFalse(shown.contains(Base64.getEncoder().encodeToString(key).substring(0, 8)), shown);
            assertFalse(shown.contains(Arrays.toString(key).substring(1, 12)), shown);
        }
        assertEquals("MasterKeyRing[sealed]", MasterKeyRing.sealed().toString());
    }

    @Test
    void keyReturnsCopiesAndTheRingCopiesItsInput() {
        byte[] original = key(1);
        Map<String, byte[]> keys = new LinkedHashMap<>();
        keys.put("k1", original);
        MasterKeyRing ring = MasterKeyRing.of(keys, "k1");
        original[0] = 99;
        byte[] first = ring.key("k1").orElseThrow();
        assertArrayEquals(key(1), first);
        first[1] = 99;
        byte[] second = ring.key("k1").orElseThrow();
        assertArrayEquals(key(1), second);
        assertTrue(first != second, "every call returns a fresh copy");
        assertEquals(Optional.empty(), ring.key("k9"));
        assertEquals(Optional.of("k1"), ring.activeId());
        assertEquals(Set.of("k1"), ring.ids());
        assertFalse(ring.isSealed());
    }

    @Test
    void destroyZeroesEveryKey() {
        MasterKeyRing ring = MasterKeyRing.of(Map.of("k1", key(1), "k2", key(50)), "k1");
        byte[] before = ring.key("k2").orElseThrow();
        ring.destroy();
        byte[] zeros = new byte[MasterKeyRing.MIN_KEY_BYTES];
        assertArrayEquals(zeros, ring.key("k1").orElseThrow());
        assertArrayEquals(zeros, ring.key("k2").orElseThrow());
        assertArrayEquals(key(50), before, "copies handed out earlier are the caller's to zero");
    }

    @Test
    void theSealedRingHoldsNothing() {
        MasterKeyRing sealed = MasterKeyRing.sealed();
        assertTrue(sealed.isSealed());
        assertEquals(Optional.empty(), sealed.activeId());
        assertEquals(Optional.empty(), sealed.key("k1"));
        assertTrue(sealed.ids().isEmpty());
        sealed.destroy();
    }
}

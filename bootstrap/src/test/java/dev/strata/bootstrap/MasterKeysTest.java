package dev.strata.bootstrap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.domain.secrets.MasterKeyRing;
import io.micronaut.context.exceptions.ConfigurationException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MasterKeysTest {
    private static final byte[] K1 = sequence(1, 32);
    private static final byte[] K2 = sequence(101, 48);

    private static byte[] sequence(int first, int length) {
        byte[] key = new byte[length];
        for (int i = 0; i < length; i++) {
            key[i] = (byte) (first + i);
        }
        return key;
    }

    private static String b64(byte[] key) {
        return Base64.getEncoder().encodeToString(key);
    }

    private static SecretsSettings settings(Map<String, String> keys, String active) {
        return new SecretsSettings(keys, active, Duration.ofMinutes(5), 10_000, Duration.ofDays(90), 10, 65_536, Duration.ofMinutes(1));
    }

    private static ConfigurationException refused(Map<String, String> keys, String active) {
        return assertThrows(ConfigurationException.class, () -> MasterKeys.load(settings(keys, active), false));
    }

    @Test
    void keysAreDecodedAndTheActiveOneChosen() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("k1", b64(K1));
        keys.put("K2", Base64.getUrlEncoder().withoutPadding().encodeToString(K2));
        MasterKeys.Loaded loaded = MasterKeys.load(settings(keys, "K2"), false);
        MasterKeyRing ring = loaded.ring();
        assertFalse(loaded.generated());
        assertEquals(Set.of("k1", "k2"), ring.ids(), "ids are lower-cased, as environment variables deliver them");
        assertEquals(Optional.of("k2"), ring.activeId());
        assertArrayEquals(K1, ring.key("k1").orElseThrow());
        assertArrayEquals(K2, ring.key("k2").orElseThrow());
    }

    @Test
    void aSingleKeyIsActiveWithoutBeingNamed() {
        MasterKeyRing ring = MasterKeys.load(settings(Map.of("only", b64(K1)), ""), false).ring();
        assertEquals(Optional.of("only"), ring.activeId());
    }

    @Test
    void aShortKeyIsRefusedNamingTheIdNeverTheKey() {
        String shortKey = b64(sequence(1, 31));
        ConfigurationException e = refused(Map.of("k1", shortKey), "k1");
        assertTrue(e.getMessage().contains("strata.secrets.master-keys.k1"), e.getMessage());
        assertTrue(e.getMessage().contains("32 bytes"), e.getMessage());
        assertFalse(e.getMessage().contains(shortKey.substring(0, 10)), e.getMessage());
    }

    @Test
    void badBase64IsRefusedNamingTheIdAndNoCharacterOfTheKey() {
        String bad = "not*base64*at*all*but*long*enough*to*be*a*key!!";
        ConfigurationException e = refused(Map.of("k1", bad), "k1");
        assertTrue(e.getMessage().contains("strata.secrets.master-keys.k1 is not valid base64"), e.getMessage());
        assertFalse(e.getMessage().contains("not*base64"), e.getMessage());
        assertFalse(e.getMessage().contains("*"), "not even the offending character: " + e.getMessage());
        assertFalse(e.getMessage().contains("2a"), "nor its code: " + e.getMessage());
    }

    @Test
    void aKeyThatIsNotRandomIsRefused() {
        String typed = b64("aaaaaaaabbbbbbbbccccccccdddddddd".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        ConfigurationException e = refused(Map.of("k1", typed), "k1");
        assertTrue(e.getMessage().contains("k1") && e.getMessage().contains("distinct"), e.getMessage());
    }

    @Test
    void anEmptyKeyIsRefused() {
        assertTrue(refused(Map.of("k1", " "), "k1").getMessage().contains("strata.secrets.master-keys.k1 is empty"));
    }

    @Test
    void anActiveIdThatIsNotConfiguredIsRefused() {
        ConfigurationException e = refused(Map.of("k1", b64(K1)), "k2");
        assertTrue(e.getMessage().contains("'k2'"), e.getMessage());
        ConfigurationException ambiguous = refused(Map.of("k1", b64(K1), "k2", b64(K2)), null);
        assertTrue(ambiguous.getMessage().contains("strata.secrets.active-key"), ambiguous.getMessage());
        ConfigurationException noKeys = refused(Map.of(), "k1");
        assertTrue(noKeys.getMessage().contains("'k1'"), noKeys.getMessage());
    }

    @Test
    void idsDifferingOnlyInCaseAndMalformedIdsAreRefused() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("k1", b64(K1));
        keys.put("K1", b64(K2));
        assertTrue(refused(keys, "k1").getMessage().contains("twice"));
        assertTrue(refused(Map.of("k 1", b64(K1)), "k 1").getMessage().contains("key id 'k 1'"));
    }

    @Test
    void noKeysOutsideDevModeIsSealed() {
        MasterKeys.Loaded loaded = MasterKeys.load(settings(null, null), false);
        assertTrue(loaded.ring().isSealed());
        assertFalse(loaded.generated());
        assertTrue(MasterKeys.load(settings(Map.of(), ""), false).ring().isSealed());
    }

    @Test
    void noKeysInDevModeGeneratesARandomOne() {
        MasterKeys.Loaded first = MasterKeys.load(settings(null, null), true);
        MasterKeys.Loaded second = MasterKeys.load(settings(null, null), true);
        assertTrue(first.generated());
        assertEquals(Optional.of(MasterKeys.DEV_KEY_ID), first.ring().activeId());
        byte[] key = first.ring().key(MasterKeys.DEV_KEY_ID).orElseThrow();
        assertEquals(MasterKeyRing.MIN_KEY_BYTES, key.length);
        assertFalse(java.util.Arrays.equals(key, second.ring().key(MasterKeys.DEV_KEY_ID).orElseThrow()));
        assertFalse(java.util.Arrays.equals(key, new byte[key.length]));
    }

    @Test
    void configuredKeysWinInDevMode() {
        MasterKeys.Loaded loaded = MasterKeys.load(settings(Map.of("k1", b64(K1)), null), true);
        assertFalse(loaded.generated());
        assertEquals(Set.of("k1"), loaded.ring().ids());
    }

    @Test
    void settingsShowKeyIdsNeverKeys() {
        SecretsSettings settings = settings(Map.of("k1", b64(K1)), "k1");
        assertFalse(settings.toString().contains(b64(K1)), settings.toString());
        assertTrue(settings.toString().contains("[k1]"), settings.toString());
        assertEquals(90, settings.defaultRotationDays());
    }

    @Test
    void settingsRefuseNonsense() {
        assertThrows(ConfigurationException.class, () -> new SecretsSettings(null, null, Duration.ofSeconds(-1), 1, Duration.ofDays(90), 10, 1, Duration.ofMinutes(1)));
        assertThrows(ConfigurationException.class, () -> new SecretsSettings(null, null, Duration.ZERO, -1, Duration.ofDays(90), 10, 1, Duration.ofMinutes(1)));
        assertThrows(ConfigurationException.class, () -> new SecretsSettings(null, null, Duration.ZERO, 0, Duration.ofHours(1), 10, 1, Duration.ofMinutes(1)));
        assertThrows(ConfigurationException.class, () -> new SecretsSettings(null, null, Duration.ZERO, 0, Duration.ofDays(1), 0, 1, Duration.ofMinutes(1)));
        assertThrows(ConfigurationException.class, () -> new SecretsSettings(null, null, Duration.ZERO, 0, Duration.ofDays(1), 1, 0, Duration.ofMinutes(1)));
    }
}

package dev.strata.application.secrets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.domain.secrets.EncryptedValue;
import dev.strata.domain.secrets.MasterKeyRing;
import dev.strata.domain.secrets.SecretIntegrityException;
import dev.strata.domain.secrets.UnknownMasterKeyException;
import dev.strata.domain.secrets.VaultSealedException;
import dev.strata.domain.shared.ResourceName;
import dev.strata.domain.shared.TenantId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class EnvelopeCipherTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] K1 = random(32);
    private static final byte[] K2 = random(32);
    private static final TenantId TENANT = TenantId.random();
    private static final ResourceName NAME = new ResourceName("db-password");
    private static final byte[] VALUE = "correct horse battery staple".getBytes(StandardCharsets.UTF_8);

    private final EnvelopeCipher cipher = new EnvelopeCipher(MasterKeyRing.of(Map.of("k1", K1), "k1"));

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    @Test
    void sealsAndOpensEmptyTextAnd64KibValues() {
        for (byte[] value : new byte[][] {VALUE, new byte[0], random(64 * 1024)}) {
            EncryptedValue sealed = cipher.seal(TENANT, NAME, 3, value);
            assertEquals("k1", sealed.keyId());
            assertEquals(12, sealed.nonce().length);
            assertEquals(value.length + 16, sealed.ciphertext().length);
            assertArrayEquals(value, cipher.open(TENANT, NAME, 3, sealed));
        }
    }

    @Test
    void aCiphertextBoundToAnotherTenantNameOrVersionFails() {
        EncryptedValue sealed = cipher.seal(TENANT, NAME, 1, VALUE);
        assertThrows(SecretIntegrityException.class, () -> cipher.open(TenantId.random(), NAME, 1, sealed));
        assertThrows(SecretIntegrityException.class, () -> cipher.open(TENANT, new ResourceName("db-passwore"), 1, sealed));
        assertThrows(SecretIntegrityException.class, () -> cipher.open(TENANT, NAME, 2, sealed));
    }

    @Test
    void swappingCiphertextsBetweenSecretsVersionsOrTenantsFails() {
        EncryptedValue one = cipher.seal(TENANT, NAME, 1, VALUE);
        EncryptedValue otherName = cipher.seal(TENANT, new ResourceName("api-key"), 1, VALUE);
        EncryptedValue otherVersion = cipher.seal(TENANT, NAME, 2, VALUE);
        TenantId otherTenant = TenantId.random();
        EncryptedValue otherTenants = cipher.seal(otherTenant, NAME, 1, VALUE);
        // the value parts of one row under the wrapped key of another: the data keys differ, so it fails
        for (EncryptedValue donor : new EncryptedValue[] {otherName, otherVersion, otherTenants}) {
            EncryptedValue swapped = new EncryptedValue("k1", one.wrappedKey(), donor.nonce(), donor.ciphertext());
            assertThrows(SecretIntegrityException.class, () -> cipher.open(TENANT, NAME, 1, swapped));
        }
        assertThrows(SecretIntegrityException.class, () -> cipher.open(TENANT, NAME, 1, otherTenants));
        assertThrows(SecretIntegrityException.class, () -> cipher.open(otherTenant, NAME, 1, one));
    }

    @Test
    void flippingAnySingleByteOfCiphertextNonceOrWrappedKeyFails() {
        EncryptedValue sealed = cipher.seal(TENANT, NAME, 1, VALUE);
        assertEveryFlipFails(sealed.ciphertext(), bytes -> new EncryptedValue("k1", sealed.wrappedKey(), sealed.nonce(), bytes));
        assertEveryFlipFails(sealed.nonce(), bytes -> new EncryptedValue("k1", sealed.wrappedKey(), bytes, sealed.ciphertext()));
        assertEveryFlipFails(sealed.wrappedKey(), bytes -> new EncryptedValue("k1", bytes, sealed.nonce(), sealed.ciphertext()));
    }

    private void assertEveryFlipFails(byte[] original, Function<byte[], EncryptedValue> rebuild) {
        for (int i = 0; i < original.length; i++) {
            byte[] flipped = original.clone();
            flipped[i] ^= 0x01;
            EncryptedValue tampered = rebuild.apply(flipped);
            assertThrows(SecretIntegrityException.class, () -> cipher.open(TENANT, NAME, 1, tampered), "byte " + i);
        }
    }

    @Test
    void truncatedPartsFailAsTamperingToo() {
        EncryptedValue sealed = cipher.seal(TENANT, NAME, 1, VALUE);
        assertThrows(SecretIntegrityException.class, () -> cipher.open(TENANT, NAME, 1,
                new EncryptedValue("k1", new byte[] {1, 2}, sealed.nonce(), sealed.ciphertext())));
        assertThrows(SecretIntegrityException.class, () -> cipher.open(TENANT, NAME, 1,
                new EncryptedValue("k1", sealed.wrappedKey(), new byte[] {1}, sealed.ciphertext())));
    }

    @Test
    void tenThousandEncryptionsOfOneValueUseTenThousandNonces() {
        Set<ByteBuffer> nonces = new HashSet<>();
        Set<ByteBuffer> wrapNonces = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            EncryptedValue sealed = cipher.seal(TENANT, NAME, 1, VALUE);
            nonces.add(ByteBuffer.wrap(sealed.nonce()));
            wrapNonces.add(ByteBuffer.wrap(sealed.wrappedKey(), 0, 12).slice());
        }
        assertEquals(10_000, nonces.size());
        assertEquals(10_000, wrapNonces.size());
    }

    @Test
    void rewrapMovesTheDataKeyToTheActiveMasterKeyWithoutTouchingTheValue() {
        EncryptedValue sealed = cipher.seal(TENANT, NAME, 4, VALUE);
        EnvelopeCipher rotated = new EnvelopeCipher(MasterKeyRing.of(Map.of("k1", K1, "k2", K2), "k2"));
        EncryptedValue rewrapped = rotated.rewrap(TENANT, NAME, 4, sealed);
        assertEquals("k2", rewrapped.keyId());
        assertArrayEquals(sealed.ciphertext(), rewrapped.ciphertext());
        assertArrayEquals(sealed.nonce(), rewrapped.nonce());
        assertFalse(java.util.Arrays.equals(sealed.wrappedKey(), rewrapped.wrappedKey()));

        EnvelopeCipher onlyNew = new EnvelopeCipher(MasterKeyRing.of(Map.of("k2", K2), "k2"));
        assertArrayEquals(VALUE, onlyNew.open(TENANT, NAME, 4, rewrapped));
        // the key id is bound into the wrapping: relabelling a wrapped key fails
        EncryptedValue relabelled = new EncryptedValue("k1", rewrapped.wrappedKey(), rewrapped.nonce(), rewrapped.ciphertext());
        assertThrows(SecretIntegrityException.class, () -> rotated.open(TENANT, NAME, 4, relabelled));
        // and the wrapped key stays bound to its row
        assertThrows(SecretIntegrityException.class, () -> rotated.rewrap(TENANT, NAME, 5, sealed));
    }

    @Test
    void anUnknownKeyIdIsAClearErrorThatNamesOnlyTheId() {
        EncryptedValue sealed = cipher.seal(TENANT, NAME, 1, VALUE);
        EnvelopeCipher elsewhere = new EnvelopeCipher(MasterKeyRing.of(Map.of("k2", K2), "k2"));
        UnknownMasterKeyException error = assertThrows(UnknownMasterKeyException.class,
                () -> elsewhere.open(TENANT, NAME, 1, sealed));
        assertEquals("k1", error.keyId());
        assertTrue(error.getMessage().contains("'k1'"));
        assertFalse(error.getMessage().contains(Base64.getEncoder().encodeToString(K2)));
    }

    @Test
    void aSealedVaultNeitherSealsNorOpens() {
        EncryptedValue sealed = cipher.seal(TENANT, NAME, 1, VALUE);
        EnvelopeCipher empty = new EnvelopeCipher(MasterKeyRing.sealed());
        assertTrue(empty.sealedVault());
        assertThrows(VaultSealedException.class, () -> empty.seal(TENANT, NAME, 1, VALUE));
        assertThrows(VaultSealedException.class, () -> empty.open(TENANT, NAME, 1, sealed));
        assertThrows(VaultSealedException.class, () -> empty.rewrap(TENANT, NAME, 1, sealed));
    }

    @Test
    void aGeneratedValueIs32RandomBytesInBase64Url() {
        byte[] one = cipher.generatedValue();
        String text = new String(one, StandardCharsets.US_ASCII);
        assertEquals(43, text.length());
        assertTrue(text.matches("[A-Za-z0-9_-]{43}"));
        assertEquals(32, Base64.getUrlDecoder().decode(text).length);
        assertNotEquals(text, new String(cipher.generatedValue(), StandardCharsets.US_ASCII));
    }

    @Test
    void errorsAndStringsCarryNoBytes() {
        EncryptedValue sealed = cipher.seal(TENANT, NAME, 1, VALUE);
        SecretIntegrityException error = assertThrows(SecretIntegrityException.class, () -> cipher.open(TENANT, NAME, 2, sealed));
        assertEquals(null, error.getCause());
        assertFalse(error.getMessage().contains(new String(VALUE, StandardCharsets.UTF_8)));
        String shown = sealed.toString() + MasterKeyRing.of(Map.of("k1", K1), "k1");
        for (byte[] secret : new byte[][] {K1, sealed.wrappedKey(), sealed.ciphertext()}) {
            assertFalse(shown.contains(Base64.getEncoder().encodeToString(secret)));
            assertFalse(shown.contains(java.util.HexFormat.of().formatHex(secret)));
        }
    }
}

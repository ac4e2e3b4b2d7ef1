package dev.strata.domain.secrets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.domain.shared.InvalidInputException;
import dev.strata.domain.shared.ResourceName;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class SecretValuesTest {
    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    private static final ResourceName NAME = new ResourceName("db-password");

    @Test
    void anEncryptedValueCopiesItsBytesAndShowsNoneOfThem() {
        byte[] ciphertext = {1, 2, 3};
        EncryptedValue value = new EncryptedValue("master-1", new byte[] {9}, new byte[] {7}, ciphertext);
        ciphertext[0] = 42;
        value.ciphertext()[1] = 42;
        assertArrayEquals(new byte[] {1, 2, 3}, value.ciphertext());
        assertEquals(new EncryptedValue("master-1", new byte[] {9}, new byte[] {7}, new byte[] {1, 2, 3}), value);
        assertFalse(value.toString().contains("[1, 2, 3]"));
    }

    @Test
    void anEncryptedValueNeedsEveryPart() {
        byte[] one = {1};
        assertEquals("keyId", assertThrows(InvalidInputException.class, () -> new EncryptedValue("", one, one, one)).field());
        assertEquals("keyId", assertThrows(InvalidInputException.class, () -> new EncryptedValue("a b", one, one, one)).field());
        assertEquals("wrappedKey", assertThrows(InvalidInputException.class,
                () -> new EncryptedValue("k", new byte[0], one, one)).field());
        assertEquals("nonce", assertThrows(InvalidInputException.class, () -> new EncryptedValue("k", one, null, one)).field());
        assertEquals("ciphertext", assertThrows(InvalidInputException.class,
                () -> new EncryptedValue("k", one, one, new byte[0])).field());
    }

    @Test
    void rotationIsDueOnceThePeriodHasRunOutSinceTheLastRotation() {
        SecretMetadata metadata = SecretMetadata.first(NAME, Optional.empty(), Optional.empty(), OptionalInt.of(30), NOW);
        assertFalse(metadata.rotationDueAt(NOW.plus(Duration.ofDays(30)).minusSeconds(1)));
        assertTrue(metadata.rotationDueAt(NOW.plus(Duration.ofDays(30))));
        SecretMetadata never = SecretMetadata.first(NAME, Optional.empty(), Optional.empty(), OptionalInt.empty(), NOW);
        assertFalse(never.rotationDueAt(NOW.plus(Duration.ofDays(10_000))));
    }

    @Test
    void metadataFieldsAreBoundedAndNamed() {
        assertEquals("rotationPeriodDays", assertThrows(InvalidInputException.class, () -> SecretMetadata.first(NAME,
                Optional.empty(), Optional.empty(), OptionalInt.of(0), NOW)).field());
        assertThrows(InvalidInputException.class, () -> SecretMetadata.first(NAME, Optional.empty(), Optional.empty(),
                OptionalInt.of(SecretMetadata.MAX_ROTATION_PERIOD_DAYS + 1), NOW));
        assertEquals("description", assertThrows(InvalidInputException.class, () -> SecretMetadata.first(NAME,
                Optional.of("x".repeat(1001)), Optional.empty(), OptionalInt.empty(), NOW)).field());
        assertEquals("service", assertThrows(InvalidInputException.class, () -> SecretMetadata.first(NAME,
                Optional.empty(), Optional.of(" "), OptionalInt.empty(), NOW)).field());
        assertEquals("lastRotatedAt", assertThrows(InvalidInputException.class, () -> new SecretMetadata(NAME,
                Optional.empty(), Optional.empty(), OptionalInt.empty(), 1, NOW, NOW.minusSeconds(1))).field());
        assertEquals("version", assertThrows(InvalidInputException.class,
                () -> new SecretVersion(NAME, 0, new EncryptedValue("k", new byte[] {1}, new byte[] {1}, new byte[] {1}), NOW))
                .field());
    }
}

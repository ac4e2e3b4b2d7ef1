package dev.strata.domain.secrets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.domain.shared.InvalidInputException;
import dev.strata.domain.shared.ResourceName;
import dev.strata.domain.shared.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.Optional;
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
        SecretMetadata metadata = SecretMetadata.first(NAME, Optional.empty(), Optional.empty(), 30, 10, NOW);
        assertEquals(NOW.plus(Duration.ofDays(30)), metadata.rotationDueAt());
        assertFalse(metadata.rotationDue(() -> NOW.plus(Duration.ofDays(30)).minusSeconds(1)));
        assertTrue(metadata.rotationDue(() -> NOW.plus(Duration.ofDays(30))));
        assertFalse(metadata.hasPending());
    }

    @Test
    void metadataFieldsAreBoundedAndNamed() {
        assertEquals("rotationPeriodDays", assertThrows(InvalidInputException.class, () -> SecretMetadata.first(NAME,
                Optional.empty(), Optional.empty(), 0, 10, NOW)).field());
        assertThrows(InvalidInputException.class, () -> SecretMetadata.first(NAME, Optional.empty(), Optional.empty(),
                SecretMetadata.MAX_ROTATION_PERIOD_DAYS + 1, 10, NOW));
        assertEquals("maxVersions", assertThrows(InvalidInputException.class, () -> SecretMetadata.first(NAME,
                Optional.empty(), Optional.empty(), 90, 0, NOW)).field());
        assertEquals("description", assertThrows(InvalidInputException.class, () -> SecretMetadata.first(NAME,
                Optional.of("x".repeat(1001)), Optional.empty(), 90, 10, NOW)).field());
        assertEquals("service", assertThrows(InvalidInputException.class, () -> SecretMetadata.first(NAME,
                Optional.empty(), Optional.of(" "), 90, 10, NOW)).field());
        assertEquals("lastRotatedAt", assertThrows(InvalidInputException.class, () -> new SecretMetadata(NAME,
                Optional.empty(), Optional.empty(), 90, 10, 1, 1, NOW, NOW.minusSeconds(1))).field());
        assertEquals("latestVersion", assertThrows(InvalidInputException.class, () -> new SecretMetadata(NAME,
                Optional.empty(), Optional.empty(), 90, 10, 2, 1, NOW, NOW)).field());
        EncryptedValue value = new EncryptedValue("k", new byte[] {1}, new byte[] {1}, new byte[] {1});
        assertEquals("version", assertThrows(InvalidInputException.class,
                () -> new SecretVersion(NAME, 0, VersionState.CURRENT, value, NOW)).field());
        assertEquals("state", assertThrows(InvalidInputException.class,
                () -> new SecretVersion(NAME, 1, null, value, NOW)).field());
    }

    @Test
    void auditEntriesAreBoundedAndKeptToTheMillisecond() {
        AuditEntry entry = new AuditEntry("client:a", NAME, 1, AuditAction.REVEAL, "r1", NOW.plusNanos(1_234_567));
        assertEquals(NOW.plusMillis(1), entry.time());
        assertEquals("actor", assertThrows(InvalidInputException.class,
                () -> new AuditEntry(" ", NAME, 1, AuditAction.REVEAL, "r1", NOW)).field());
        assertEquals("requestId", assertThrows(InvalidInputException.class,
                () -> new AuditEntry("a", NAME, 1, AuditAction.REVEAL, "r\n1", NOW)).field());
        assertEquals("version", assertThrows(InvalidInputException.class,
                () -> new AuditEntry("a", NAME, 0, AuditAction.REVEAL, "r1", NOW)).field());
    }

    @Test
    void theChainHashCoversEveryFieldAndThePreviousHash() {
        TenantId tenant = TenantId.random();
        AuditEntry entry = new AuditEntry("client:a", NAME, 1, AuditAction.REVEAL, "r1", NOW);
        byte[] hash = AuditChain.hash(AuditChain.genesis(), tenant, 1, entry);
        assertEquals(32, hash.length);
        List<byte[]> others = List.of(
                AuditChain.hash(hash, tenant, 1, entry),
                AuditChain.hash(AuditChain.genesis(), TenantId.random(), 1, entry),
                AuditChain.hash(AuditChain.genesis(), tenant, 2, entry),
                AuditChain.hash(AuditChain.genesis(), tenant, 1, new AuditEntry("client:b", NAME, 1, AuditAction.REVEAL, "r1", NOW)),
                AuditChain.hash(AuditChain.genesis(), tenant, 1, new AuditEntry("client:a", NAME, 2, AuditAction.REVEAL, "r1", NOW)),
                AuditChain.hash(AuditChain.genesis(), tenant, 1, new AuditEntry("client:a", NAME, 1, AuditAction.DELETE, "r1", NOW)),
                AuditChain.hash(AuditChain.genesis(), tenant, 1, new AuditEntry("client:a", NAME, 1, AuditAction.REVEAL, "r2", NOW)),
                AuditChain.hash(AuditChain.genesis(), tenant, 1, new AuditEntry("client:a", NAME, 1, AuditAction.REVEAL, "r1", NOW.plusMillis(1))),
                AuditChain.hash(AuditChain.genesis(), tenant, 1, new AuditEntry("client:a", new ResourceName("other"), 1, AuditAction.REVEAL, "r1", NOW)));
        others.forEach(other -> assertFalse(Arrays.equals(hash, other)));
    }

    @Test
    void theVerifierNamesAMissingOrRelinkedRecord() {
        TenantId tenant = TenantId.random();
        AuditRecord first = AuditRecord.chain(tenant, null, new AuditEntry("a", NAME, 1, AuditAction.CREATE, "r1", NOW));
        AuditRecord second = AuditRecord.chain(tenant, first, new AuditEntry("a", NAME, 1, AuditAction.REVEAL, "r2", NOW));
        AuditRecord third = AuditRecord.chain(tenant, second, new AuditEntry("a", NAME, 1, AuditAction.REVEAL, "r3", NOW));

        AuditChain.Verifier gap = new AuditChain.Verifier(tenant);
        List.of(first, third).forEach(gap::accept);
        assertEquals(OptionalLong.of(2), gap.result().brokenAt());

        AuditRecord relinked = AuditRecord.chain(tenant, first, third.entry());
        AuditRecord moved = new AuditRecord(tenant, 3, relinked.entry(), relinked.prevHash(), relinked.hash());
        AuditChain.Verifier verifier = new AuditChain.Verifier(tenant);
        List.of(first, second, moved).forEach(verifier::accept);
        assertEquals(ChainVerification.brokenAt(2, 3, "previous hash does not match"), verifier.result());

        AuditChain.Verifier whole = new AuditChain.Verifier(tenant);
        List.of(first, second, third).forEach(whole::accept);
        assertEquals(ChainVerification.valid(3), whole.result());
    }
}

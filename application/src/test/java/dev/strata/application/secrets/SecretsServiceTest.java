package dev.strata.application.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.application.secrets.port.CreateSecretCommand;
import dev.strata.application.secrets.port.DeleteSecretCommand;
import dev.strata.application.secrets.port.PromoteSecretCommand;
import dev.strata.application.secrets.port.RevealSecretCommand;
import dev.strata.application.secrets.port.RevealedSecret;
import dev.strata.application.secrets.port.RewrapSecretsCommand;
import dev.strata.application.secrets.port.RotateSecretCommand;
import dev.strata.application.secrets.port.SecretCaller;
import dev.strata.domain.secrets.AuditAction;
import dev.strata.domain.secrets.AuditRecord;
import dev.strata.domain.secrets.InMemorySecretAudit;
import dev.strata.domain.secrets.InMemorySecretStore;
import dev.strata.domain.secrets.MasterKeyRing;
import dev.strata.domain.secrets.SecretMetadata;
import dev.strata.domain.secrets.SecretValueTooLargeException;
import dev.strata.domain.secrets.SecretVersion;
import dev.strata.domain.secrets.VaultSealedException;
import dev.strata.domain.cache.InMemoryInvalidationBus;
import dev.strata.domain.shared.ConflictException;
import dev.strata.domain.shared.InMemoryUnitOfWork;
import dev.strata.domain.shared.InvalidInputException;
import dev.strata.domain.shared.MutableClock;
import dev.strata.domain.shared.NotFoundException;
import dev.strata.domain.shared.Quota;
import dev.strata.domain.shared.QuotaExceededException;
import dev.strata.domain.shared.ResourceName;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class SecretsServiceTest {
    private static final ResourceName NAME = new ResourceName("db-password");
    private static final SecretCaller CALLER = new SecretCaller("client:ops", "req-1");
    private static final MasterKeyRing RING = MasterKeyRing.of(Map.of("k1", key()), "k1");

    private final InMemorySecretStore store = new InMemorySecretStore();
    private final InMemorySecretAudit audit = new InMemorySecretAudit();
    private final InMemoryUnitOfWork unitOfWork = new InMemoryUnitOfWork();
    private final MutableClock clock = new MutableClock();
    private final TenantId tenant = TenantId.random();
    private final SecretsService service = service(RING, 5);

    private static byte[] key() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    private SecretsService service(MasterKeyRing ring, long quota) {
        return new SecretsService(store, audit, unitOfWork, ring, clock,
                new SecretSettings(SecretSettings.DEFAULT_ROTATION_PERIOD_DAYS, SecretSettings.DEFAULT_MAX_VERSIONS,
                        new Quota("secrets", quota)));
    }

    private <T> T as(Supplier<T> work) {
        return TenantContext.callAs(tenant, work);
    }

    private static CreateSecretCommand create(ResourceName name, Optional<String> value) {
        return new CreateSecretCommand(name, value, Optional.of("primary database"), Optional.empty(),
                OptionalInt.empty(), OptionalInt.empty(), CALLER);
    }

    private RevealedSecret reveal(OptionalInt version, boolean pending) {
        return as(() -> service.reveal(new RevealSecretCommand(NAME, version, pending, CALLER)));
    }

    private List<AuditAction> auditedActions() {
        return as(() -> audit.read(Optional.empty(), 0, 100)).stream().map(record -> record.entry().action()).toList();
    }

    @Test
    void createsWithTheDefaultsAndRevealsTheValueAudited() {
        SecretMetadata metadata = as(() -> service.create(create(NAME, Optional.of("s3cr3t"))));
        assertEquals(1, metadata.version());
        assertEquals(90, metadata.rotationPeriodDays());
        assertEquals(10, metadata.maxVersions());
        assertEquals(clock.now(), metadata.createdAt());

        RevealedSecret revealed = reveal(OptionalInt.empty(), false);
        assertEquals("s3cr3t", revealed.value());
        assertEquals(1, revealed.version());
        assertFalse(revealed.toString().contains("s3cr3t"));

        List<AuditRecord> records = as(() -> audit.read(Optional.of(NAME), 0, 10));
        assertEquals(List.of(AuditAction.CREATE, AuditAction.REVEAL), records.stream().map(r -> r.entry().action()).toList());
        assertEquals("client:ops", records.get(1).entry().actor());
        assertEquals("req-1", records.get(1).entry().requestId());
        assertEquals(1, records.get(1).entry().version());
        assertTrue(as(audit::verify).valid());
        assertEquals(2, unitOfWork.completedUnits());
    }

    @Test
    void theStoreKeepsOnlyCiphertext() {
        as(() -> service.create(create(NAME, Optional.of("plain-text-value"))));
        SecretVersion stored = as(() -> store.findCurrent(NAME)).orElseThrow();
        assertFalse(new String(stored.value().ciphertext(), java.nio.charset.StandardCharsets.ISO_8859_1).contains("plain-text-value"));
    }

    @Test
    void aSecretWithoutValueGets32RandomBytesInBase64Url() {
        as(() -> service.create(create(NAME, Optional.empty())));
        String value = reveal(OptionalInt.empty(), false).value();
        assertTrue(value.matches("[A-Za-z0-9_-]{43}"), value.length() + " characters");
        as(() -> service.rotate(new RotateSecretCommand(NAME, Optional.empty(), false, CALLER)));
        assertFalse(value.equals(reveal(OptionalInt.empty(), false).value()));
    }

    @Test
    void aTakenNameIsAConflictAndTheQuotaHolds() {
        SecretsService small = service(RING, 1);
        as(() -> small.create(create(NAME, Optional.of("a"))));
        assertEquals("secrets.exists", assertThrows(ConflictException.class,
                () -> as(() -> small.create(create(NAME, Optional.of("b"))))).code());
        assertThrows(QuotaExceededException.class, () -> as(() -> small.create(create(new ResourceName("other"), Optional.of("b")))));
        assertEquals("a", reveal(OptionalInt.empty(), false).value());
        assertEquals(List.of(AuditAction.CREATE, AuditAction.REVEAL), auditedActions());
    }

    @Test
    void valuesFromEmptyTo64KibRoundTripAndLargerAreRefused() {
        as(() -> service.create(create(NAME, Optional.of(""))));
        assertEquals("", reveal(OptionalInt.empty(), false).value());
        String largest = "x".repeat(SecretValueTooLargeException.MAX_VALUE_BYTES);
        as(() -> service.rotate(new RotateSecretCommand(NAME, Optional.of(largest), false, CALLER)));
        assertEquals(largest, reveal(OptionalInt.empty(), false).value());
        assertThrows(SecretValueTooLargeException.class, () -> new RotateSecretCommand(NAME, Optional.of(largest + "x"), false, CALLER));
        assertThrows(SecretValueTooLargeException.class,
                () -> create(NAME, Optional.of("é".repeat(SecretValueTooLargeException.MAX_VALUE_BYTES / 2 + 1))));
    }

    @Test
    void aConfiguredSmallerValueLimitIsHonouredOnCreateAndRotate() {
        SecretsService small = new SecretsService(store, audit, unitOfWork, RING, clock,
                new SecretSettings(SecretSettings.DEFAULT_ROTATION_PERIOD_DAYS, SecretSettings.DEFAULT_MAX_VERSIONS,
                        new Quota("secrets", 10), 10));
        assertThrows(SecretValueTooLargeException.class, () -> as(() -> small.create(create(NAME, Optional.of("x".repeat(11))))));
        as(() -> small.create(create(NAME, Optional.of("x".repeat(10)))));
        assertThrows(SecretValueTooLargeException.class,
                () -> as(() -> small.rotate(new RotateSecretCommand(NAME, Optional.of("y".repeat(11)), false, CALLER))));
        assertEquals("x".repeat(10), as(() -> small.reveal(new RevealSecretCommand(NAME, OptionalInt.empty(), false, CALLER))).value());
        assertEquals(1, as(() -> store.find(NAME)).orElseThrow().version(), "the refused rotation stored nothing");
    }

    @Test
    void rotationMakesANewCurrentVersionAndKeepsTheOldOneRevealableByNumber() {
        as(() -> service.create(create(NAME, Optional.of("v1"))));
        clock.advance(Duration.ofDays(1));
        SecretMetadata rotated = as(() -> service.rotate(new RotateSecretCommand(NAME, Optional.of("v2"), false, CALLER)));
        assertEquals(2, rotated.version());
        assertEquals(clock.now(), rotated.lastRotatedAt());
        assertEquals("v2", reveal(OptionalInt.empty(), false).value());
        assertEquals("v1", reveal(OptionalInt.of(1), false).value());
        assertEquals(List.of(AuditAction.CREATE, AuditAction.ROTATE, AuditAction.REVEAL, AuditAction.REVEAL), auditedActions());
    }

    @Test
    void aStagedRotationIsRevealedOnlyWhenAskedForUntilPromoted() {
        as(() -> service.create(create(NAME, Optional.of("v1"))));
        SecretMetadata staged = as(() -> service.rotate(new RotateSecretCommand(NAME, Optional.of("v2"), true, CALLER)));
        assertEquals(1, staged.version());
        assertTrue(staged.hasPending());
        assertEquals("v1", reveal(OptionalInt.empty(), false).value());
        assertEquals("v2", reveal(OptionalInt.empty(), true).value());
        assertEquals("v2", reveal(OptionalInt.of(2), false).value());

        SecretMetadata promoted = as(() -> service.promote(new PromoteSecretCommand(NAME, CALLER)));
        assertEquals(2, promoted.version());
        assertEquals("v2", reveal(OptionalInt.empty(), false).value());
        assertEquals("secrets.version_not_found", assertThrows(NotFoundException.class, () -> reveal(OptionalInt.empty(), true)).code());
        assertEquals("secrets.nothing_pending", assertThrows(ConflictException.class,
                () -> as(() -> service.promote(new PromoteSecretCommand(NAME, CALLER)))).code());
        assertTrue(auditedActions().contains(AuditAction.PROMOTE));
    }

    @Test
    void aRevealWhoseAuditRecordFailsRevealsNothing() {
        as(() -> service.create(create(NAME, Optional.of("never-leaks"))));
        audit.failAppends(true);
        int failedBefore = unitOfWork.failedUnits();
        RuntimeException error = assertThrows(RuntimeException.class, () -> reveal(OptionalInt.empty(), false));
        assertFalse(String.valueOf(error.getMessage()).contains("never-leaks"));
        assertEquals(failedBefore + 1, unitOfWork.failedUnits(), "the reveal's unit failed: nothing committed");
        audit.failAppends(false);
        assertEquals(List.of(AuditAction.CREATE), auditedActions());
    }

    @Test
    void everyChangeFailsWithItsAuditRecord() {
        audit.failAppends(true);
        assertThrows(IllegalStateException.class, () -> as(() -> service.create(create(NAME, Optional.of("x")))));
        assertEquals(1, unitOfWork.failedUnits());
        audit.failAppends(false);
    }

    @Test
    void deleteDestroysEveryVersionAndIsAudited() {
        as(() -> service.create(create(NAME, Optional.of("v1"))));
        as(() -> service.rotate(new RotateSecretCommand(NAME, Optional.of("v2"), false, CALLER)));
        TenantContext.runAs(tenant, () -> service.delete(new DeleteSecretCommand(NAME, CALLER)));
        assertTrue(as(() -> store.versions(NAME)).isEmpty());
        assertEquals("secrets.not_found", assertThrows(NotFoundException.class, () -> reveal(OptionalInt.of(1), false)).code());
        assertThrows(NotFoundException.class, () -> TenantContext.runAs(tenant, () -> service.delete(new DeleteSecretCommand(NAME, CALLER))));
        AuditRecord last = as(() -> audit.read(Optional.empty(), 2, 10)).get(0);
        assertEquals(AuditAction.DELETE, last.entry().action());
        assertEquals(2, last.entry().version());
    }

    @Test
    void unknownSecretsAndVersionsAreNotFound() {
        assertEquals("secrets.not_found", assertThrows(NotFoundException.class, () -> reveal(OptionalInt.empty(), false)).code());
        assertThrows(NotFoundException.class, () -> as(() -> service.rotate(new RotateSecretCommand(NAME, Optional.empty(), false, CALLER))));
        as(() -> service.create(create(NAME, Optional.of("v1"))));
        assertEquals("secrets.version_not_found", assertThrows(NotFoundException.class, () -> reveal(OptionalInt.of(9), false)).code());
        assertEquals(List.of(AuditAction.CREATE), auditedActions(), "nothing revealed, nothing audited");
    }

    @Test
    void rewrapMovesEveryDataKeyToTheActiveMasterKey() {
        byte[] k1 = key();
        byte[] k2 = key();
        SecretsService before = service(MasterKeyRing.of(Map.of("k1", k1), "k1"), 10);
        as(() -> before.create(create(NAME, Optional.of("v1"))));
        as(() -> before.rotate(new RotateSecretCommand(NAME, Optional.of("v2"), false, CALLER)));
        as(() -> before.create(create(new ResourceName("other"), Optional.of("o1"))));

        SecretsService during = service(MasterKeyRing.of(Map.of("k1", k1, "k2", k2), "k2"), 10);
        assertEquals(3, as(() -> during.rewrap(new RewrapSecretsCommand(CALLER))));
        assertEquals(0, as(() -> during.rewrap(new RewrapSecretsCommand(CALLER))), "nothing left to re-wrap");
        assertTrue(as(() -> store.wrappedByOtherThan("k2", 100)).isEmpty());
        assertEquals(3, auditedActions().stream().filter(AuditAction.REWRAP::equals).count());

        SecretsService after = service(MasterKeyRing.of(Map.of("k2", k2), "k2"), 10);
        assertEquals("v1", as(() -> after.reveal(new RevealSecretCommand(NAME, OptionalInt.of(1), false, CALLER))).value());
        assertEquals("v2", as(() -> after.reveal(new RevealSecretCommand(NAME, OptionalInt.empty(), false, CALLER))).value());
    }

    @Test
    void aSealedVaultRefusesEveryOperation() {
        SecretsService sealed = service(MasterKeyRing.sealed(), 10);
        assertThrows(VaultSealedException.class, () -> as(() -> sealed.create(create(NAME, Optional.of("x")))));
        assertThrows(VaultSealedException.class, () -> as(() -> sealed.reveal(new RevealSecretCommand(NAME, OptionalInt.empty(), false, CALLER))));
        assertThrows(VaultSealedException.class, () -> as(() -> sealed.rotate(new RotateSecretCommand(NAME, Optional.empty(), false, CALLER))));
        assertThrows(VaultSealedException.class, () -> as(() -> sealed.rewrap(new RewrapSecretsCommand(CALLER))));
        assertEquals(0, unitOfWork.completedUnits() + unitOfWork.failedUnits());
    }

    @Test
    void tenantsCannotReachEachOthersSecrets() {
        as(() -> service.create(create(NAME, Optional.of("mine"))));
        TenantId other = TenantId.random();
        assertThrows(NotFoundException.class, () -> TenantContext.callAs(other,
                () -> service.reveal(new RevealSecretCommand(NAME, OptionalInt.empty(), false, CALLER))));
        TenantContext.callAs(other, () -> service.create(create(NAME, Optional.of("theirs"))));
        assertEquals("mine", reveal(OptionalInt.empty(), false).value());
        assertEquals("theirs", TenantContext.callAs(other,
                () -> service.reveal(new RevealSecretCommand(NAME, OptionalInt.empty(), false, CALLER))).value());
    }

    @Test
    void commandsNeverShowTheirValue() {
        assertFalse(create(NAME, Optional.of("hunter2")).toString().contains("hunter2"));
        assertFalse(new RotateSecretCommand(NAME, Optional.of("hunter2"), false, CALLER).toString().contains("hunter2"));
    }
    @Test
    void everyChangeIsToldInsideItsUnitOfWorkAndTheRelayIsWokenAfterItCommitted() {
        List<String> told = new ArrayList<>();
        List<String> woken = new ArrayList<>();
        InMemoryInvalidationBus bus = new InMemoryInvalidationBus(new InMemoryInvalidationBus.Channel());
        SecretsService service = new SecretsService(store, audit, unitOfWork, RING, clock,
                new SecretSettings(SecretSettings.DEFAULT_ROTATION_PERIOD_DAYS, SecretSettings.DEFAULT_MAX_VERSIONS,
                        new Quota("secrets", 5)),
                new PlaintextCache(bus, clock, Duration.ofMinutes(5), 10).start(),
                (change, name, version) -> {
                    assertTrue(unitOfWork.active(), "told inside the change's unit of work");
                    told.add(change + " " + name + " " + version);
                },
                () -> {
                    assertFalse(unitOfWork.active(), "woken after the commit");
                    woken.add("after " + told.size());
                });
        as(() -> service.create(create(NAME, Optional.of("v1"))));
        as(() -> service.rotate(new RotateSecretCommand(NAME, Optional.of("v2"), false, CALLER)));
        as(() -> service.rotate(new RotateSecretCommand(NAME, Optional.of("v3"), true, CALLER)));
        as(() -> service.promote(new PromoteSecretCommand(NAME, CALLER)));
        as(() -> {
            service.delete(new DeleteSecretCommand(NAME, CALLER));
            return null;
        });
        assertEquals(List.of("CREATED db-password 1", "ROTATED db-password 2", "STAGED db-password 3",
                "ROTATED db-password 3", "DELETED db-password 3"), told);
        assertEquals(List.of("after 1", "after 2", "after 3", "after 4", "after 5"), woken);

        // a change that does not happen tells nothing and wakes nothing
        assertThrows(NotFoundException.class,
                () -> as(() -> service.rotate(new RotateSecretCommand(NAME, Optional.of("v4"), false, CALLER))));
        assertEquals(5, told.size());
        assertEquals(5, woken.size());
    }

    @Test
    void aSecretCannotBeNamedLikeTheAuditRoute() {
        InvalidInputException refused = assertThrows(InvalidInputException.class,
                () -> create(new ResourceName("audit"), Optional.of("x")));
        assertTrue(refused.getMessage().contains("reserved"), refused.getMessage());
        as(() -> service.create(create(new ResourceName("audit-log"), Optional.of("x"))));
    }
}

package dev.strata.domain.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.strata.domain.secrets.port.SecretAudit;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class InMemorySecretAuditTest extends SecretAuditContract {
    private final InMemorySecretAudit fake = new InMemorySecretAudit();

    @Override
    protected SecretAudit createSubject() {
        return fake;
    }

    @Test
    void aRecordChangedAfterTheFactBreaksTheChainThere() {
        append(tenant, entry(DB, 1, AuditAction.CREATE));
        AuditRecord second = append(tenant, entry(DB, 1, AuditAction.REVEAL));
        append(tenant, entry(DB, 1, AuditAction.REVEAL));
        AuditEntry forged = new AuditEntry("client:someone-else", DB, 1, AuditAction.REVEAL,
                second.entry().requestId(), second.entry().time());
        fake.tamper(tenant, 2, new AuditRecord(tenant, 2, forged, second.prevHash(), second.hash()));

        ChainVerification verification = as(tenant, () -> audit.verify());
        assertEquals(OptionalLong.of(2), verification.brokenAt());
        assertEquals(1, verification.checked());
        assertEquals(Optional.of("hash does not match the record"), verification.reason());
    }

    @Test
    void failingAppendsThrowAndKeepNothing() {
        fake.failAppends(true);
        assertThrows(IllegalStateException.class, () -> append(tenant, entry(DB, 1, AuditAction.REVEAL)));
        fake.failAppends(false);
        assertEquals(1, append(tenant, entry(DB, 1, AuditAction.REVEAL)).sequence());
    }
}

package dev.strata.domain.secrets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.domain.secrets.port.SecretAudit;
import dev.strata.domain.shared.ContractSupport;
import dev.strata.domain.shared.ResourceName;
import dev.strata.domain.shared.TenantId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Contract test of {@link SecretAudit}: the in-memory fake and the Postgres adapter extend it. */
public abstract class SecretAuditContract extends ContractSupport {
    protected static final ResourceName DB = new ResourceName("db-password");
    protected static final ResourceName API = new ResourceName("api-key");

    protected SecretAudit audit;
    protected TenantId tenant;

    /** Hook: the audit under test; called before each test. */
    protected abstract SecretAudit createSubject();

    @BeforeEach
    void createSecretAudit() {
        audit = createSubject();
        tenant = newTenant();
    }

    protected AuditEntry entry(ResourceName secret, int version, AuditAction action) {
        return new AuditEntry("client:ops-" + unique(), secret, version, action, "req-" + unique(), now());
    }

    protected AuditRecord append(TenantId in, AuditEntry entry) {
        return as(in, () -> audit.append(entry));
    }

    @Test
    void appendsChainFromTheGenesisHash() {
        AuditEntry created = entry(DB, 1, AuditAction.CREATE);
        AuditRecord first = append(tenant, created);
        assertEquals(1, first.sequence());
        assertEquals(tenant, first.tenant());
        assertEquals(created, first.entry());
        assertArrayEquals(AuditChain.genesis(), first.prevHash());
        assertArrayEquals(AuditChain.hash(AuditChain.genesis(), tenant, 1, created), first.hash());

        AuditRecord second = append(tenant, entry(DB, 1, AuditAction.REVEAL));
        assertEquals(2, second.sequence());
        assertArrayEquals(first.hash(), second.prevHash());
        assertEquals(List.of(first, second), as(tenant, () -> audit.read(Optional.empty(), 0, 10)));
    }

    @Test
    void keepsEveryFieldOfTheEntryExactly() {
        AuditEntry entry = new AuditEntry("user:ann@example.com", API, 7, AuditAction.REWRAP, "req/ü-1", now());
        append(tenant, entry);
        assertEquals(entry, as(tenant, () -> audit.read(Optional.empty(), 0, 1)).get(0).entry());
    }

    @Test
    void readsOneSecretsRecordsPageByPage() {
        append(tenant, entry(DB, 1, AuditAction.CREATE));
        append(tenant, entry(API, 1, AuditAction.CREATE));
        append(tenant, entry(DB, 2, AuditAction.ROTATE));
        append(tenant, entry(DB, 2, AuditAction.REVEAL));

        assertEquals(List.of(1L, 3L, 4L), sequences(as(tenant, () -> audit.read(Optional.of(DB), 0, 10))));
        assertEquals(List.of(3L), sequences(as(tenant, () -> audit.read(Optional.of(DB), 1, 1))));
        assertEquals(List.of(2L), sequences(as(tenant, () -> audit.read(Optional.of(API), 0, 10))));
        assertEquals(List.of(3L, 4L), sequences(as(tenant, () -> audit.read(Optional.empty(), 2, 10))));
    }

    @Test
    void aWholeChainVerifies() {
        assertEquals(ChainVerification.valid(0), as(tenant, () -> audit.verify()));
        for (int i = 1; i <= 5; i++) {
            append(tenant, entry(DB, i, AuditAction.ROTATE));
        }
        ChainVerification verification = as(tenant, () -> audit.verify());
        assertTrue(verification.valid());
        assertEquals(5, verification.checked());
        assertEquals(OptionalLong.empty(), verification.brokenAt());
    }

    @Test
    void concurrentAppendsNeverForkTheChain() throws Exception {
        int writers = 4;
        int each = 10;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < each; i++) {
                        append(tenant, entry(DB, 1, AuditAction.REVEAL));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        List<AuditRecord> records = as(tenant, () -> audit.read(Optional.empty(), 0, 1000));
        assertEquals(LongStream.rangeClosed(1, writers * each).boxed().toList(), sequences(records));
        assertEquals(ChainVerification.valid(writers * each), as(tenant, () -> audit.verify()));
    }

    @Test
    void eachTenantHasItsOwnChain() {
        TenantId other = newTenant();
        assertChainsApart(tenant, other);
        assertChainsApart(other, tenant);
    }

    private void assertChainsApart(TenantId owner, TenantId intruder) {
        long before = as(intruder, () -> audit.read(Optional.empty(), 0, 1000)).size();
        ResourceName secret = new ResourceName("only-" + unique());
        append(owner, entry(secret, 1, AuditAction.CREATE));
        assertTrue(as(intruder, () -> audit.read(Optional.of(secret), 0, 1000)).isEmpty());
        assertEquals(before, as(intruder, () -> audit.read(Optional.empty(), 0, 1000)).size());
        AuditRecord own = append(intruder, entry(secret, 1, AuditAction.CREATE));
        assertEquals(before + 1, own.sequence(), "the intruder's chain goes on from its own last record");
        assertTrue(as(owner, () -> audit.verify()).valid());
        assertTrue(as(intruder, () -> audit.verify()).valid());
    }

    @Test
    void refusesToWorkOutsideATenantContext() {
        assertThrows(IllegalStateException.class, () -> audit.append(entry(DB, 1, AuditAction.CREATE)));
        assertThrows(IllegalStateException.class, () -> audit.verify());
    }

    private static List<Long> sequences(List<AuditRecord> records) {
        return records.stream().map(AuditRecord::sequence).toList();
    }
}

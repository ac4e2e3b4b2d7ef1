package dev.strata.domain.secrets;

import dev.strata.domain.secrets.port.SecretAudit;
import dev.strata.domain.shared.ResourceName;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * In-memory fake of {@link SecretAudit}: one chain per tenant. {@link #failAppends} makes every append throw,
 * as a store that refuses the insert would, so that use cases can show they fail closed. Thread-safe.
 */
public final class InMemorySecretAudit implements SecretAudit {
    private final Map<TenantId, List<AuditRecord>> chains = new HashMap<>();
    private volatile boolean failing;

    /** From now on every append throws (true) or works again (false). */
    public void failAppends(boolean fail) {
        this.failing = fail;
    }

    @Override
    public synchronized AuditRecord append(AuditEntry entry) {
        if (failing) {
            throw new IllegalStateException("the audit store refused the record");
        }
        TenantId tenant = TenantContext.require();
        List<AuditRecord> chain = chains.computeIfAbsent(tenant, t -> new ArrayList<>());
        AuditRecord record = AuditRecord.chain(tenant, chain.isEmpty() ? null : chain.get(chain.size() - 1), entry);
        chain.add(record);
        return record;
    }

    @Override
    public synchronized List<AuditRecord> read(Optional<ResourceName> secret, long afterSequence, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        return chains.getOrDefault(TenantContext.require(), List.of()).stream()
                .filter(record -> record.sequence() > afterSequence)
                .filter(record -> secret.isEmpty() || record.entry().secret().equals(secret.get()))
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized ChainVerification verify() {
        TenantId tenant = TenantContext.require();
        AuditChain.Verifier verifier = new AuditChain.Verifier(tenant);
        chains.getOrDefault(tenant, List.of()).forEach(verifier::accept);
        return verifier.result();
    }

    /** Test hook: replaces the stored record at {@code sequence} (as someone with write access to the table could). */
    public synchronized void tamper(TenantId tenant, long sequence, AuditRecord replacement) {
        chains.get(tenant).set((int) sequence - 1, replacement);
    }
}

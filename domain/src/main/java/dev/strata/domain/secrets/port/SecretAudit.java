package dev.strata.domain.secrets.port;

import dev.strata.domain.secrets.AuditEntry;
import dev.strata.domain.secrets.AuditRecord;
import dev.strata.domain.secrets.ChainVerification;
import dev.strata.domain.shared.ResourceName;
import java.util.List;
import java.util.Optional;

/**
 * Driven port: the append-only, hash-chained audit of vault operations, one chain per tenant (current
 * {@link dev.strata.domain.shared.TenantContext}). Appends join the caller's
 * {@link dev.strata.domain.shared.UnitOfWork}, so an operation and its record commit or fail together, and
 * are serialised per tenant, so the chain never forks across instances.
 */
public interface SecretAudit {
    /** Appends {@code entry} as the tenant's next record and returns it with its sequence and hashes. */
    AuditRecord append(AuditEntry entry);

    /** Records in sequence order after {@code afterSequence} (exclusive), of one secret when given, at most {@code limit}. */
    List<AuditRecord> read(Optional<ResourceName> secret, long afterSequence, int limit);

    /** Checks the tenant's whole chain: valid, or the first record where it breaks. */
    ChainVerification verify();
}

package dev.strata.application.secrets.port;

import dev.strata.domain.secrets.AuditRecord;
import dev.strata.domain.secrets.ChainVerification;
import dev.strata.domain.secrets.SecretMetadata;
import dev.strata.domain.secrets.SecretVersion;
import dev.strata.domain.shared.ResourceName;
import java.util.List;
import java.util.Optional;

/** Use case: what may be read about the tenant's secrets without revealing a value (metadata, versions, audit). */
public interface BrowseSecretsUseCase {
    /** The secret's metadata; throws not-found when it does not exist. */
    SecretMetadata find(ResourceName name);

    /** Metadata by name after {@code after} (exclusive), at most {@code limit}; only the due ones when asked. */
    List<SecretMetadata> list(Optional<ResourceName> after, int limit, boolean dueOnly);

    /** The versions that still have key material, oldest first; throws not-found when the secret does not exist. */
    List<SecretVersion> versions(ResourceName name);

    /** Audit records after {@code afterSequence}, of one secret when given, at most {@code limit}. */
    List<AuditRecord> audit(Optional<ResourceName> secret, long afterSequence, int limit);

    /** Checks the tenant's audit chain. */
    ChainVerification verifyAudit();
}

package dev.strata.domain.secrets.port;

import dev.strata.domain.secrets.EncryptedValue;
import dev.strata.domain.secrets.SecretMetadata;
import dev.strata.domain.secrets.SecretVersion;
import dev.strata.domain.shared.ResourceName;
import java.util.List;
import java.util.Optional;

/**
 * Driven port: the durable store of secrets (Postgres). Only ciphertext and wrapped keys cross it.
 * Every method works inside the current {@link dev.strata.domain.shared.TenantContext}.
 */
public interface SecretStore {
    /**
     * Stores a new secret with {@code value} as version 1 ({@code metadata.version()} must be 1).
     * False, and nothing stored, when a secret of that name exists.
     */
    boolean create(SecretMetadata metadata, EncryptedValue value);

    /**
     * Appends the next version atomically: only when the secret exists and its latest version is
     * {@code version.version() - 1}; sets the metadata's version and {@code lastRotatedAt} to the new
     * version's. False, and nothing stored, otherwise (another rotation won the race, or the secret is gone).
     */
    boolean addVersion(SecretVersion version);

    Optional<SecretMetadata> find(ResourceName name);

    /** Metadata ordered by name, after {@code after} (exclusive) when given, at most {@code limit}. */
    List<SecretMetadata> list(Optional<ResourceName> after, int limit);

    /** One version of a secret; empty when the secret or that version does not exist. */
    Optional<SecretVersion> findVersion(ResourceName name, int version);

    /** Every version of the secret, oldest first; empty when the secret does not exist. */
    List<SecretVersion> versions(ResourceName name);

    /** Deletes the secret with every version and its key material; false when it did not exist. */
    boolean delete(ResourceName name);
}

package dev.strata.domain.secrets.port;

import dev.strata.domain.secrets.EncryptedValue;
import dev.strata.domain.secrets.SecretMetadata;
import dev.strata.domain.secrets.SecretVersion;
import dev.strata.domain.shared.Quota;
import dev.strata.domain.shared.ResourceName;
import dev.strata.domain.shared.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Driven port: the durable store of secrets (Postgres). Only ciphertext and wrapped keys cross it.
 * Every method works inside the current {@link dev.strata.domain.shared.TenantContext} and joins the caller's
 * {@link dev.strata.domain.shared.UnitOfWork} when one is running.
 */
public interface SecretStore {
    /**
     * Stores a new secret with {@code value} as its CURRENT version 1 ({@code metadata} must be a first
     * version). False, and nothing stored, when a secret of that name exists; throws
     * {@link dev.strata.domain.shared.QuotaExceededException} when the tenant holds {@code quota}'s limit already.
     */
    boolean create(SecretMetadata metadata, EncryptedValue value, Quota quota);

    /**
     * Appends the next version atomically: only when the secret exists and its latest version is
     * {@code version.version() - 1}. A CURRENT version moves the old current one to PREVIOUS and sets the
     * metadata's version and {@code lastRotatedAt} to the new version's; a PENDING version leaves the current
     * one alone. A pending version that a newer one overtakes becomes PREVIOUS. Then every PREVIOUS version
     * beyond the newest {@code maxVersions} is deleted with its key material. False, and nothing stored,
     * otherwise (another rotation won the race, or the secret is gone). PREVIOUS is not a state to add.
     */
    boolean addVersion(SecretVersion version);

    /**
     * Makes the PENDING version {@code version} CURRENT (the old current one PREVIOUS, {@code lastRotatedAt} =
     * {@code at}). False when that version is not pending.
     */
    boolean promote(ResourceName name, int version, Instant at);

    Optional<SecretMetadata> find(ResourceName name);

    /** Metadata ordered by name, after {@code after} (exclusive) when given, at most {@code limit}. */
    List<SecretMetadata> list(Optional<ResourceName> after, int limit);

    /** Like {@link #list}, only the secrets whose rotation is due at {@code now}. */
    List<SecretMetadata> listDue(Instant now, Optional<ResourceName> after, int limit);

    /**
     * Claims, exactly once across instances, the secrets whose current version became due at {@code now} and
     * was not claimed before: marks the current version as notified and returns the metadata (at most
     * {@code limit}). A later rotation makes the secret claimable again when its new version falls due.
     */
    List<SecretMetadata> claimDue(Instant now, int limit);

    /** One version of a secret; empty when the secret or that version does not exist (or was pruned). */
    Optional<SecretVersion> findVersion(ResourceName name, int version);

    /** The CURRENT version, read from the store of record (never a copy an instance kept). */
    Optional<SecretVersion> findCurrent(ResourceName name);

    /** The PENDING version of a staged rotation, if any. */
    Optional<SecretVersion> findPending(ResourceName name);

    /** Every version of the secret that still has key material, oldest first; empty when the secret does not exist. */
    List<SecretVersion> versions(ResourceName name);

    /** Up to {@code limit} versions of the tenant whose data key is wrapped by another key than {@code keyId}. */
    List<SecretVersion> wrappedByOtherThan(String keyId, int limit);

    /**
     * Replaces the wrapped data key of {@code current} (same version, same ciphertext and nonce) by
     * {@code rewrapped}, only while the stored version is still wrapped as {@code current} says. False when the
     * version is gone or was re-wrapped meanwhile.
     */
    boolean replaceWrapping(SecretVersion current, EncryptedValue rewrapped);

    /**
     * Tenants that may hold secrets, by id, after {@code after} (exclusive), at most {@code limit}. The one method
     * that works outside a tenant context: the rotation reminder walks the tenants with it.
     */
    List<TenantId> tenants(Optional<TenantId> after, int limit);

    /** Deletes the secret with every version and its key material (rows deleted); false when it did not exist. */
    boolean delete(ResourceName name);
}

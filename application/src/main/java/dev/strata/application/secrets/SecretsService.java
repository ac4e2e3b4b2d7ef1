package dev.strata.application.secrets;

import dev.strata.application.secrets.port.BrowseSecretsUseCase;
import dev.strata.application.secrets.port.CreateSecretCommand;
import dev.strata.application.secrets.port.CreateSecretUseCase;
import dev.strata.application.secrets.port.DeleteSecretCommand;
import dev.strata.application.secrets.port.DeleteSecretUseCase;
import dev.strata.application.secrets.port.PromoteSecretCommand;
import dev.strata.application.secrets.port.PromoteSecretUseCase;
import dev.strata.application.secrets.port.RevealSecretCommand;
import dev.strata.application.secrets.port.RevealSecretUseCase;
import dev.strata.application.secrets.port.RevealedSecret;
import dev.strata.application.secrets.port.RewrapSecretsCommand;
import dev.strata.application.secrets.port.RewrapSecretsUseCase;
import dev.strata.application.secrets.port.RotateSecretCommand;
import dev.strata.application.secrets.port.RotateSecretUseCase;
import dev.strata.application.secrets.port.SecretCaller;
import dev.strata.domain.secrets.AuditAction;
import dev.strata.domain.secrets.AuditEntry;
import dev.strata.domain.secrets.AuditRecord;
import dev.strata.domain.secrets.ChainVerification;
import dev.strata.domain.secrets.EncryptedValue;
import dev.strata.domain.secrets.MasterKeyRing;
import dev.strata.domain.secrets.SecretMetadata;
import dev.strata.domain.secrets.SecretValueTooLargeException;
import dev.strata.domain.secrets.SecretVersion;
import dev.strata.domain.secrets.VaultSealedException;
import dev.strata.domain.secrets.VersionState;
import dev.strata.domain.secrets.port.SecretAudit;
import dev.strata.domain.secrets.port.SecretStore;
import dev.strata.domain.shared.Clock;
import dev.strata.domain.shared.ConflictException;
import dev.strata.domain.shared.NotFoundException;
import dev.strata.domain.shared.ResourceName;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import dev.strata.domain.shared.UnitOfWork;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Use cases: every secrets operation that seals, opens or destroys a value. Each one writes its audit record in
 * the same unit of work as its change, so both commit or neither does; a reveal decrypts only after that unit
 * committed, so when the audit record cannot be written nothing is decrypted and nothing leaves. The current
 * version is always read from the store of record. Plaintext buffers are zeroed after use where Java allows
 * (the {@code String} a caller passes in or receives cannot be).
 */
public final class SecretsService implements CreateSecretUseCase, RotateSecretUseCase, PromoteSecretUseCase,
        RevealSecretUseCase, DeleteSecretUseCase, RewrapSecretsUseCase, BrowseSecretsUseCase {
    static final int REWRAP_BATCH = 100;

    private final SecretStore store;
    private final SecretAudit audit;
    private final UnitOfWork unitOfWork;
    private final EnvelopeCipher cipher;
    private final Clock clock;
    private final SecretSettings settings;
    private final Optional<PlaintextCache> cache;
    private final SecretChanges changes;
    private final Runnable published;

    /** The use cases without a plaintext cache and without change notices. */
    public SecretsService(SecretStore store, SecretAudit audit, UnitOfWork unitOfWork, MasterKeyRing ring, Clock clock,
                          SecretSettings settings) {
        this(store, audit, unitOfWork, new EnvelopeCipher(ring), clock, settings, Optional.empty(), SecretChanges.NONE,
                () -> { });
    }

    /**
     * The use cases with this instance's plaintext {@code cache} (keyed by version; the version itself is always
     * resolved from the store) and {@code changes}, told of every create, rotation, promotion and deletion inside
     * its unit of work (so that what it writes commits with the change); {@code published} runs after each such
     * change committed (it wakes the event relay).
     */
    public SecretsService(SecretStore store, SecretAudit audit, UnitOfWork unitOfWork, MasterKeyRing ring, Clock clock,
                          SecretSettings settings, PlaintextCache cache, SecretChanges changes, Runnable published) {
        this(store, audit, unitOfWork, new EnvelopeCipher(ring), clock, settings, Optional.of(cache), changes, published);
    }

    SecretsService(SecretStore store, SecretAudit audit, UnitOfWork unitOfWork, EnvelopeCipher cipher, Clock clock,
                   SecretSettings settings) {
        this(store, audit, unitOfWork, cipher, clock, settings, Optional.empty(), SecretChanges.NONE, () -> { });
    }

    private SecretsService(SecretStore store, SecretAudit audit, UnitOfWork unitOfWork, EnvelopeCipher cipher, Clock clock,
                           SecretSettings settings, Optional<PlaintextCache> cache, SecretChanges changes,
                           Runnable published) {
        this.store = store;
        this.audit = audit;
        this.unitOfWork = unitOfWork;
        this.cipher = cipher;
        this.clock = clock;
        this.settings = settings;
        this.cache = cache;
        this.changes = changes;
        this.published = published;
    }

    @Override
    public SecretMetadata create(CreateSecretCommand command) {
        requireUnsealed();
        TenantId tenant = TenantContext.require();
        Instant now = clock.now();
        SecretMetadata metadata = SecretMetadata.first(command.name(), command.description(), command.service(),
                command.rotationPeriodDays().orElse(settings.defaultRotationPeriodDays()),
                command.maxVersions().orElse(settings.defaultMaxVersions()), now);
        EncryptedValue sealed = seal(tenant, command.name(), 1, command.value());
        SecretMetadata created = unitOfWork.execute(() -> {
            if (!store.create(metadata, sealed, settings.quota())) {
                throw new ConflictException("secrets.exists", "secret '" + command.name() + "' exists");
            }
            record(command.caller(), command.name(), 1, AuditAction.CREATE, now);
            changes.changed(SecretChanges.Change.CREATED, command.name(), 1);
            return metadata;
        });
        committed(tenant, SecretChanges.Change.CREATED, command.name());
        return created;
    }

    @Override
    public SecretMetadata rotate(RotateSecretCommand command) {
        requireUnsealed();
        TenantId tenant = TenantContext.require();
        Instant now = clock.now();
        SecretMetadata rotated = unitOfWork.execute(() -> {
            SecretMetadata metadata = existing(command.name());
            int next = metadata.latestVersion() + 1;
            VersionState state = command.stage() ? VersionState.PENDING : VersionState.CURRENT;
            EncryptedValue sealed = seal(tenant, command.name(), next, command.value());
            if (!store.addVersion(new SecretVersion(command.name(), next, state, sealed, now))) {
                throw new ConflictException("secrets.rotation_conflict",
                        "secret '" + command.name() + "' was rotated or deleted meanwhile; retry");
            }
            record(command.caller(), command.name(), next, AuditAction.ROTATE, now);
            changes.changed(command.stage() ? SecretChanges.Change.STAGED : SecretChanges.Change.ROTATED, command.name(), next);
            return existing(command.name());
        });
        committed(tenant, command.stage() ? SecretChanges.Change.STAGED : SecretChanges.Change.ROTATED, command.name());
        return rotated;
    }

    @Override
    public SecretMetadata promote(PromoteSecretCommand command) {
        requireUnsealed();
        TenantId tenant = TenantContext.require();
        Instant now = clock.now();
        SecretMetadata promoted = unitOfWork.execute(() -> {
            SecretVersion pending = store.findPending(command.name()).orElseThrow(() -> {
                existing(command.name());
                return new ConflictException("secrets.nothing_pending", "secret '" + command.name() + "' has no pending version");
            });
            if (!store.promote(command.name(), pending.version(), now)) {
                throw new ConflictException("secrets.rotation_conflict",
                        "secret '" + command.name() + "' was rotated or deleted meanwhile; retry");
            }
            record(command.caller(), command.name(), pending.version(), AuditAction.PROMOTE, now);
            changes.changed(SecretChanges.Change.ROTATED, command.name(), pending.version());
            return existing(command.name());
        });
        committed(tenant, SecretChanges.Change.ROTATED, command.name());
        return promoted;
    }

    @Override
    public RevealedSecret reveal(RevealSecretCommand command) {
        requireUnsealed();
        TenantId tenant = TenantContext.require();
        Instant now = clock.now();
        long generation = cache.map(PlaintextCache::generation).orElse(0L);
        SecretVersion version = unitOfWork.execute(() -> {
            Optional<SecretVersion> found = command.version().isPresent()
                    ? store.findVersion(command.name(), command.version().getAsInt())
                    : command.pending() ? store.findPending(command.name()) : store.findCurrent(command.name());
            SecretVersion chosen = found.orElseThrow(() -> notFound(command));
            record(command.caller(), command.name(), chosen.version(), AuditAction.REVEAL, now);
            return chosen;
        });
        // only now, after the audit record committed, is the value decrypted (or taken from memory)
        Optional<byte[]> held = cache.flatMap(memory -> memory.get(tenant, version.name(), version.version()));
        byte[] plaintext = held.orElseGet(() -> cipher.open(tenant, version.name(), version.version(), version.value()));
        try {
            if (held.isEmpty()) {
                cache.ifPresent(memory -> memory.put(tenant, version.name(), version.version(), plaintext, generation));
            }
            return new RevealedSecret(version.name(), version.version(), new String(plaintext, StandardCharsets.UTF_8));
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    @Override
    public void delete(DeleteSecretCommand command) {
        requireUnsealed();
        TenantId tenant = TenantContext.require();
        Instant now = clock.now();
        unitOfWork.execute(() -> {
            SecretMetadata metadata = existing(command.name());
            if (!store.delete(command.name())) {
                throw notFoundSecret(command.name());
            }
            record(command.caller(), command.name(), metadata.version(), AuditAction.DELETE, now);
            changes.changed(SecretChanges.Change.DELETED, command.name(), metadata.version());
            return metadata.version();
        });
        committed(tenant, SecretChanges.Change.DELETED, command.name());
    }

    @Override
    public int rewrap(RewrapSecretsCommand command) {
        requireUnsealed();
        TenantId tenant = TenantContext.require();
        String active = cipher.activeKeyId();
        int rewrapped = 0;
        while (true) {
            List<SecretVersion> batch = store.wrappedByOtherThan(active, REWRAP_BATCH);
            int before = rewrapped;
            for (SecretVersion version : batch) {
                EncryptedValue fresh = cipher.rewrap(tenant, version.name(), version.version(), version.value());
                boolean replaced = unitOfWork.execute(() -> {
                    if (!store.replaceWrapping(version, fresh)) {
                        return false;
                    }
                    record(command.caller(), version.name(), version.version(), AuditAction.REWRAP, clock.now());
                    return true;
                });
                rewrapped += replaced ? 1 : 0;
            }
            // a batch that moved nothing (every version changed under us) ends the run rather than spin
            if (batch.size() < REWRAP_BATCH || rewrapped == before) {
                return rewrapped;
            }
        }
    }

    @Override
    public SecretMetadata find(ResourceName name) {
        requireUnsealed();
        return existing(name);
    }

    @Override
    public List<SecretMetadata> list(Optional<ResourceName> after, int limit, boolean dueOnly) {
        requireUnsealed();
        return dueOnly ? store.listDue(clock.now(), after, limit) : store.list(after, limit);
    }

    @Override
    public List<SecretVersion> versions(ResourceName name) {
        requireUnsealed();
        return unitOfWork.execute(() -> {
            existing(name);
            return store.versions(name);
        });
    }

    @Override
    public List<AuditRecord> audit(Optional<ResourceName> secret, long afterSequence, int limit) {
        return audit.read(secret, afterSequence, limit);
    }

    @Override
    public ChainVerification verifyAudit() {
        return audit.verify();
    }

    /**
     * After a change committed (its event with it): every instance drops what it holds of the secret, then the
     * local event relay is woken.
     */
    private void committed(TenantId tenant, SecretChanges.Change change, ResourceName name) {
        if (change != SecretChanges.Change.CREATED && change != SecretChanges.Change.STAGED) {
            cache.ifPresent(memory -> memory.forgetEverywhere(tenant, name));
        }
        published.run();
    }

    private void requireUnsealed() {
        if (cipher.sealedVault()) {
            throw new VaultSealedException();
        }
    }

    private EncryptedValue seal(TenantId tenant, ResourceName name, int version, Optional<String> value) {
        byte[] plaintext = value.map(SecretsService::utf8).orElseGet(cipher::generatedValue);
        try {
            if (value.isPresent() && plaintext.length > settings.maxValueBytes()) {
                throw new SecretValueTooLargeException(settings.maxValueBytes());
            }
            return cipher.seal(tenant, name, version, plaintext);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    /** UTF-8 bytes of {@code text} in a buffer of exactly that size (so that zeroing it leaves no copy behind). */
    private static byte[] utf8(String text) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(text));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        if (encoded.hasArray()) {
            Arrays.fill(encoded.array(), (byte) 0);
        }
        return bytes;
    }

    private void record(SecretCaller caller, ResourceName name, int version, AuditAction action, Instant at) {
        audit.append(new AuditEntry(caller.actor(), name, version, action, caller.requestId(), at));
    }

    private SecretMetadata existing(ResourceName name) {
        return store.find(name).orElseThrow(() -> notFoundSecret(name));
    }

    private NotFoundException notFound(RevealSecretCommand command) {
        existing(command.name());
        if (command.version().isPresent()) {
            return new NotFoundException("secrets.version_not_found",
                    "secret '" + command.name() + "' has no version " + command.version().getAsInt());
        }
        return new NotFoundException("secrets.version_not_found", "secret '" + command.name() + "' has no "
                + (command.pending() ? "pending" : "current") + " version");
    }

    private static NotFoundException notFoundSecret(ResourceName name) {
        return new NotFoundException("secrets.not_found", "secret '" + name + "' does not exist");
    }
}

package dev.strata.application.secrets;

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
import dev.strata.domain.secrets.EncryptedValue;
import dev.strata.domain.secrets.MasterKeyRing;
import dev.strata.domain.secrets.SecretMetadata;
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
        RevealSecretUseCase, DeleteSecretUseCase, RewrapSecretsUseCase {
    static final int REWRAP_BATCH = 100;

    private final SecretStore store;
    private final SecretAudit audit;
    private final UnitOfWork unitOfWork;
    private final EnvelopeCipher cipher;
    private final Clock clock;
    private final SecretSettings settings;

    public SecretsService(SecretStore store, SecretAudit audit, UnitOfWork unitOfWork, MasterKeyRing ring, Clock clock,
                          SecretSettings settings) {
        this(store, audit, unitOfWork, new EnvelopeCipher(ring), clock, settings);
    }

    SecretsService(SecretStore store, SecretAudit audit, UnitOfWork unitOfWork, EnvelopeCipher cipher, Clock clock,
                   SecretSettings settings) {
        this.store = store;
        this.audit = audit;
        this.unitOfWork = unitOfWork;
        this.cipher = cipher;
        this.clock = clock;
        this.settings = settings;
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
        return unitOfWork.execute(() -> {
            if (!store.create(metadata, sealed, settings.quota())) {
                throw new ConflictException("secrets.exists", "secret '" + command.name() + "' exists");
            }
            record(command.caller(), command.name(), 1, AuditAction.CREATE, now);
            return metadata;
        });
    }

    @Override
    public SecretMetadata rotate(RotateSecretCommand command) {
        requireUnsealed();
        TenantId tenant = TenantContext.require();
        Instant now = clock.now();
        return unitOfWork.execute(() -> {
            SecretMetadata metadata = existing(command.name());
            int next = metadata.latestVersion() + 1;
            VersionState state = command.stage() ? VersionState.PENDING : VersionState.CURRENT;
            EncryptedValue sealed = seal(tenant, command.name(), next, command.value());
            if (!store.addVersion(new SecretVersion(command.name(), next, state, sealed, now))) {
                throw new ConflictException("secrets.rotation_conflict",
                        "secret '" + command.name() + "' was rotated or deleted meanwhile; retry");
            }
            record(command.caller(), command.name(), next, AuditAction.ROTATE, now);
            return existing(command.name());
        });
    }

    @Override
    public SecretMetadata promote(PromoteSecretCommand command) {
        requireUnsealed();
        Instant now = clock.now();
        return unitOfWork.execute(() -> {
            SecretVersion pending = store.findPending(command.name()).orElseThrow(() -> {
                existing(command.name());
                return new ConflictException("secrets.nothing_pending", "secret '" + command.name() + "' has no pending version");
            });
            if (!store.promote(command.name(), pending.version(), now)) {
                throw new ConflictException("secrets.rotation_conflict",
                        "secret '" + command.name() + "' was rotated or deleted meanwhile; retry");
            }
            record(command.caller(), command.name(), pending.version(), AuditAction.PROMOTE, now);
            return existing(command.name());
        });
    }

    @Override
    public RevealedSecret reveal(RevealSecretCommand command) {
        requireUnsealed();
        TenantId tenant = TenantContext.require();
        Instant now = clock.now();
        SecretVersion version = unitOfWork.execute(() -> {
            Optional<SecretVersion> found = command.version().isPresent()
                    ? store.findVersion(command.name(), command.version().getAsInt())
                    : command.pending() ? store.findPending(command.name()) : store.findCurrent(command.name());
            SecretVersion chosen = found.orElseThrow(() -> notFound(command));
            record(command.caller(), command.name(), chosen.version(), AuditAction.REVEAL, now);
            return chosen;
        });
        // only now, after the audit record committed, is the value decrypted
        byte[] plaintext = cipher.open(tenant, version.name(), version.version(), version.value());
        try {
            return new RevealedSecret(version.name(), version.version(), new String(plaintext, StandardCharsets.UTF_8));
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    @Override
    public void delete(DeleteSecretCommand command) {
        requireUnsealed();
        Instant now = clock.now();
        unitOfWork.run(() -> {
            SecretMetadata metadata = existing(command.name());
            if (!store.delete(command.name())) {
                throw notFoundSecret(command.name());
            }
            record(command.caller(), command.name(), metadata.version(), AuditAction.DELETE, now);
        });
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

    private void requireUnsealed() {
        if (cipher.sealedVault()) {
            throw new VaultSealedException();
        }
    }

    private EncryptedValue seal(TenantId tenant, ResourceName name, int version, Optional<String> value) {
        byte[] plaintext = value.map(SecretsService::utf8).orElseGet(cipher::generatedValue);
        try {
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

package dev.strata.domain.secrets;

import dev.strata.domain.secrets.port.SecretStore;
import dev.strata.domain.shared.ResourceName;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** In-memory fake of {@link SecretStore}: per-tenant secrets with their encrypted versions. Thread-safe. */
public final class InMemorySecretStore implements SecretStore {
    private static final class State {
        SecretMetadata metadata;
        final List<SecretVersion> versions = new ArrayList<>();

        State(SecretMetadata metadata) {
            this.metadata = metadata;
        }
    }

    private final Map<TenantId, Map<ResourceName, State>> byTenant = new HashMap<>();

    @Override
    public synchronized boolean create(SecretMetadata metadata, EncryptedValue value) {
        if (metadata.version() != 1) {
            throw new IllegalArgumentException("a new secret starts at version 1");
        }
        Map<ResourceName, State> secrets = partition();
        if (secrets.containsKey(metadata.name())) {
            return false;
        }
        State state = new State(metadata);
        state.versions.add(new SecretVersion(metadata.name(), 1, value, metadata.lastRotatedAt()));
        secrets.put(metadata.name(), state);
        return true;
    }

    @Override
    public synchronized boolean addVersion(SecretVersion version) {
        State state = partition().get(version.name());
        if (state == null || state.metadata.version() != version.version() - 1) {
            return false;
        }
        SecretMetadata current = state.metadata;
        state.metadata = new SecretMetadata(current.name(), current.description(), current.service(),
                current.rotationPeriodDays(), version.version(), current.createdAt(), version.createdAt());
        state.versions.add(version);
        return true;
    }

    @Override
    public synchronized Optional<SecretMetadata> find(ResourceName name) {
        return Optional.ofNullable(partition().get(name)).map(state -> state.metadata);
    }

    @Override
    public synchronized List<SecretMetadata> list(Optional<ResourceName> after, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        return partition().values().stream()
                .map(state -> state.metadata)
                .filter(metadata -> after.isEmpty() || metadata.name().value().compareTo(after.get().value()) > 0)
                .sorted(Comparator.comparing(metadata -> metadata.name().value()))
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized Optional<SecretVersion> findVersion(ResourceName name, int version) {
        State state = partition().get(name);
        if (state == null || version < 1 || version > state.versions.size()) {
            return Optional.empty();
        }
        return Optional.of(state.versions.get(version - 1));
    }

    @Override
    public synchronized List<SecretVersion> versions(ResourceName name) {
        State state = partition().get(name);
        return state == null ? List.of() : List.copyOf(state.versions);
    }

    @Override
    public synchronized boolean delete(ResourceName name) {
        return partition().remove(name) != null;
    }

    private Map<ResourceName, State> partition() {
        return byTenant.computeIfAbsent(TenantContext.require(), tenant -> new HashMap<>());
    }
}

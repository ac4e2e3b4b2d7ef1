package dev.strata.domain.secrets;

import dev.strata.domain.secrets.port.SecretStore;
import dev.strata.domain.shared.Quota;
import dev.strata.domain.shared.ResourceName;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/** In-memory fake of {@link SecretStore}: per-tenant secrets with their sealed versions. Thread-safe. */
public final class InMemorySecretStore implements SecretStore {
    private static final class State {
        SecretMetadata metadata;
        int notifiedVersion;
        final TreeMap<Integer, SecretVersion> versions = new TreeMap<>();

        State(SecretMetadata metadata) {
            this.metadata = metadata;
        }
    }

    private final Map<TenantId, Map<ResourceName, State>> byTenant = new HashMap<>();

    @Override
    public synchronized boolean create(SecretMetadata metadata, EncryptedValue value, Quota quota) {
        if (metadata.version() != 1 || metadata.latestVersion() != 1) {
            throw new IllegalArgumentException("a new secret starts at version 1");
        }
        Map<ResourceName, State> secrets = partition();
        if (secrets.containsKey(metadata.name())) {
            return false;
        }
        quota.check(secrets.size());
        State state = new State(metadata);
        state.versions.put(1, new SecretVersion(metadata.name(), 1, VersionState.CURRENT, value, metadata.lastRotatedAt()));
        secrets.put(metadata.name(), state);
        return true;
    }

    @Override
    public synchronized boolean addVersion(SecretVersion version) {
        if (version.state() == VersionState.PREVIOUS) {
            throw new IllegalArgumentException("a new version is CURRENT or PENDING");
        }
        State state = partition().get(version.name());
        if (state == null || state.metadata.latestVersion() != version.version() - 1) {
            return false;
        }
        SecretMetadata m = state.metadata;
        state.versions.replaceAll((number, existing) -> existing.state() == VersionState.PENDING
                || (version.state() == VersionState.CURRENT && existing.state() == VersionState.CURRENT)
                ? existing.withState(VersionState.PREVIOUS) : existing);
        state.versions.put(version.version(), version);
        boolean current = version.state() == VersionState.CURRENT;
        state.metadata = new SecretMetadata(m.name(), m.description(), m.service(), m.rotationPeriodDays(),
                m.maxVersions(), current ? version.version() : m.version(), version.version(), m.createdAt(),
                current ? version.createdAt() : m.lastRotatedAt());
        prune(state);
        return true;
    }

    private static void prune(State state) {
        List<Integer> newest = state.versions.descendingKeySet().stream().limit(state.metadata.maxVersions()).toList();
        state.versions.entrySet().removeIf(entry -> entry.getValue().state() == VersionState.PREVIOUS
                && !newest.contains(entry.getKey()));
    }

    @Override
    public synchronized boolean promote(ResourceName name, int version, Instant at) {
        State state = partition().get(name);
        if (state == null || state.versions.get(version) == null
                || state.versions.get(version).state() != VersionState.PENDING) {
            return false;
        }
        state.versions.replaceAll((number, existing) -> number == version ? existing.withState(VersionState.CURRENT)
                : existing.state() == VersionState.CURRENT ? existing.withState(VersionState.PREVIOUS) : existing);
        SecretMetadata m = state.metadata;
        state.metadata = new SecretMetadata(m.name(), m.description(), m.service(), m.rotationPeriodDays(),
                m.maxVersions(), version, m.latestVersion(), m.createdAt(), at);
        return true;
    }

    @Override
    public synchronized Optional<SecretMetadata> find(ResourceName name) {
        return Optional.ofNullable(partition().get(name)).map(state -> state.metadata);
    }

    @Override
    public synchronized List<SecretMetadata> list(Optional<ResourceName> after, int limit) {
        return page(after, limit, metadata -> true);
    }

    @Override
    public synchronized List<SecretMetadata> listDue(Instant now, Optional<ResourceName> after, int limit) {
        return page(after, limit, metadata -> !now.isBefore(metadata.rotationDueAt()));
    }

    private List<SecretMetadata> page(Optional<ResourceName> after, int limit, Predicate<SecretMetadata> filter) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        return partition().values().stream()
                .map(state -> state.metadata)
                .filter(filter)
                .filter(metadata -> after.isEmpty() || metadata.name().value().compareTo(after.get().value()) > 0)
                .sorted(Comparator.comparing(metadata -> metadata.name().value()))
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized List<TenantId> tenants(Optional<TenantId> after, int limit) {
        return byTenant.entrySet().stream()
                .filter(entry -> !entry.getValue().isEmpty())
                .map(Map.Entry::getKey)
                .filter(tenant -> after.isEmpty() || tenant.toString().compareTo(after.get().toString()) > 0)
                .sorted(Comparator.comparing(TenantId::toString))
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized List<SecretMetadata> claimDue(Instant now, int limit) {
        return partition().values().stream()
                .filter(state -> !now.isBefore(state.metadata.rotationDueAt())
                        && state.notifiedVersion != state.metadata.version())
                .sorted(Comparator.comparing(state -> state.metadata.name().value()))
                .limit(limit)
                .peek(state -> state.notifiedVersion = state.metadata.version())
                .map(state -> state.metadata)
                .toList();
    }

    @Override
    public synchronized Optional<SecretVersion> findVersion(ResourceName name, int version) {
        return Optional.ofNullable(partition().get(name)).map(state -> state.versions.get(version));
    }

    @Override
    public synchronized Optional<SecretVersion> findCurrent(ResourceName name) {
        return inState(name, VersionState.CURRENT);
    }

    @Override
    public synchronized Optional<SecretVersion> findPending(ResourceName name) {
        return inState(name, VersionState.PENDING);
    }

    private Optional<SecretVersion> inState(ResourceName name, VersionState wanted) {
        State state = partition().get(name);
        return state == null ? Optional.empty()
                : state.versions.values().stream().filter(version -> version.state() == wanted).findFirst();
    }

    @Override
    public synchronized List<SecretVersion> versions(ResourceName name) {
        State state = partition().get(name);
        return state == null ? List.of() : List.copyOf(state.versions.values());
    }

    @Override
    public synchronized List<SecretVersion> wrappedByOtherThan(String keyId, int limit) {
        return partition().values().stream()
                .sorted(Comparator.comparing(state -> state.metadata.name().value()))
                .flatMap(state -> state.versions.values().stream())
                .filter(version -> !version.value().keyId().equals(keyId))
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized boolean replaceWrapping(SecretVersion current, EncryptedValue rewrapped) {
        if (!java.util.Arrays.equals(current.value().nonce(), rewrapped.nonce())
                || !java.util.Arrays.equals(current.value().ciphertext(), rewrapped.ciphertext())) {
            throw new IllegalArgumentException("re-wrapping changes the wrapped data key only");
        }
        State state = partition().get(current.name());
        SecretVersion stored = state == null ? null : state.versions.get(current.version());
        if (stored == null || !stored.value().keyId().equals(current.value().keyId())
                || !java.util.Arrays.equals(stored.value().wrappedKey(), current.value().wrappedKey())) {
            return false;
        }
        state.versions.put(current.version(), stored.withValue(rewrapped));
        return true;
    }

    @Override
    public synchronized boolean delete(ResourceName name) {
        return partition().remove(name) != null;
    }

    private Map<ResourceName, State> partition() {
        return byTenant.computeIfAbsent(TenantContext.require(), tenant -> new HashMap<>());
    }
}

package dev.strata.domain.vectors;

import dev.strata.domain.shared.NotFoundException;
import dev.strata.domain.shared.Quota;
import dev.strata.domain.shared.ResourceName;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import dev.strata.domain.vectors.port.VectorCollections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * In-memory fake of {@link VectorCollections}, and the state {@link InMemoryVectorStore} keeps its items in.
 * Versions come from one counter, so they grow and are never reused, even across delete and re-create.
 * Thread-safe (one lock for both fakes).
 */
public final class InMemoryVectorCollections implements VectorCollections {
    /** One collection: its definition, items by id and version. */
    static final class State {
        final CollectionDefinition definition;
        final Map<VectorId, VectorItem> items = new LinkedHashMap<>();
        long version;

        State(CollectionDefinition definition, long version) {
            this.definition = definition;
            this.version = version;
        }

        CollectionInfo info() {
            return new CollectionInfo(definition, items.size(), version);
        }
    }

    private final AtomicLong versions = new AtomicLong();
    private final Map<TenantId, Map<ResourceName, State>> byTenant = new HashMap<>();

    @Override
    public synchronized DefineCollectionResult define(CollectionDefinition definition, Quota quota) {
        Map<ResourceName, State> collections = partition();
        State existing = collections.get(definition.name());
        if (existing == null) {
            quota.check(collections.size());
            State created = new State(definition, versions.incrementAndGet());
            collections.put(definition.name(), created);
            return new DefineCollectionResult.Created(created.info());
        }
        return existing.definition.equals(definition)
                ? new DefineCollectionResult.Identical(existing.info())
                : new DefineCollectionResult.Conflict(existing.info());
    }

    @Override
    public synchronized List<TenantCollection> everyTenant(int limit) {
        return byTenant.entrySet().stream()
                .flatMap(entry -> entry.getValue().keySet().stream().map(name -> new TenantCollection(entry.getKey(), name)))
                .limit(Math.max(0, limit))
                .toList();
    }

    @Override
    public synchronized Optional<CollectionInfo> find(ResourceName name) {
        return Optional.ofNullable(partition().get(name)).map(State::info);
    }

    @Override
    public synchronized List<CollectionInfo> list(Optional<ResourceName> after, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        return partition().values().stream()
                .filter(state -> after.isEmpty() || state.definition.name().value().compareTo(after.get().value()) > 0)
                .sorted(Comparator.comparing(state -> state.definition.name().value()))
                .limit(limit)
                .map(State::info)
                .toList();
    }

    @Override
    public synchronized boolean delete(ResourceName name) {
        return partition().remove(name) != null;
    }

    /** The collection's state in the current tenant; not found otherwise. Call with this object's lock held. */
    State existing(ResourceName collection) {
        State state = partition().get(collection);
        if (state == null) {
            throw new NotFoundException("vectors.collection_not_found", "collection " + collection + " does not exist");
        }
        return state;
    }

    /** Moves a collection's version on. Call with this object's lock held. */
    long bump(State state) {
        state.version = versions.incrementAndGet();
        return state.version;
    }

    private Map<ResourceName, State> partition() {
        return byTenant.computeIfAbsent(TenantContext.require(), tenant -> new HashMap<>());
    }
}

package dev.strata.domain.vectors;

import dev.strata.domain.shared.NotFoundException;
import dev.strata.domain.shared.ResourceName;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import dev.strata.domain.vectors.port.VectorIndex;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * In-memory fake of {@link VectorIndex}: exact (brute-force) search over per-tenant collections. Versions
 * come from one counter, so they grow and are never reused, even across delete and re-create. Thread-safe.
 */
public final class InMemoryVectorIndex implements VectorIndex {
    private static final class State {
        final Collection settings;
        final Map<VectorId, VectorItem> items = new LinkedHashMap<>();
        long version;

        State(Collection settings, long version) {
            this.settings = settings;
            this.version = version;
        }

        CollectionInfo info() {
            return new CollectionInfo(settings, items.size(), version);
        }
    }

    private final AtomicLong versions = new AtomicLong();
    private final Map<TenantId, Map<ResourceName, State>> byTenant = new HashMap<>();

    @Override
    public synchronized EnsureCollectionResult ensureCollection(Collection settings) {
        Map<ResourceName, State> collections = partition();
        State existing = collections.get(settings.name());
        if (existing == null) {
            State created = new State(settings, versions.incrementAndGet());
            collections.put(settings.name(), created);
            return new EnsureCollectionResult.Created(created.info());
        }
        return existing.settings.equals(settings)
                ? new EnsureCollectionResult.Unchanged(existing.info())
                : new EnsureCollectionResult.Conflicting(existing.info());
    }

    @Override
    public synchronized Optional<CollectionInfo> findCollection(ResourceName name) {
        return Optional.ofNullable(partition().get(name)).map(State::info);
    }

    @Override
    public synchronized List<CollectionInfo> listCollections(Optional<ResourceName> after, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        return partition().values().stream()
                .filter(state -> after.isEmpty() || state.settings.name().value().compareTo(after.get().value()) > 0)
                .sorted(Comparator.comparing(state -> state.settings.name().value()))
                .limit(limit)
                .map(State::info)
                .toList();
    }

    @Override
    public synchronized boolean deleteCollection(ResourceName name) {
        return partition().remove(name) != null;
    }

    @Override
    public synchronized int upsert(ResourceName collection, List<VectorItem> items) {
        State state = existing(collection);
        state.settings.checkItems(items);
        if (items.isEmpty()) {
            return 0;
        }
        items.forEach(item -> state.items.put(item.id(), item));
        state.version = versions.incrementAndGet();
        return items.size();
    }

    @Override
    public synchronized Optional<VectorItem> get(ResourceName collection, VectorId id) {
        return Optional.ofNullable(partition().get(collection)).map(state -> state.items.get(id));
    }

    @Override
    public synchronized boolean delete(ResourceName collection, VectorId id) {
        State state = partition().get(collection);
        if (state == null || state.items.remove(id) == null) {
            return false;
        }
        state.version = versions.incrementAndGet();
        return true;
    }

    @Override
    public synchronized List<SearchHit> search(ResourceName collection, SearchQuery query) {
        State state = existing(collection);
        state.settings.checkVector("vector", query.vector());
        Metric metric = state.settings.metric();
        List<SearchHit> hits = new ArrayList<>();
        for (VectorItem item : state.items.values()) {
            if (!query.filter().matches(item.metadata())) {
                continue;
            }
            double distance = metric.distance(query.vector(), item.vector());
            double score = metric.score(distance);
            if (query.minScore().isPresent() && score < query.minScore().getAsDouble()) {
                continue;
            }
            hits.add(new SearchHit(item.id(), score, distance, item.metadata(), item.content(),
                    query.includeVectors() ? Optional.of(item.vector()) : Optional.empty()));
        }
        return hits.stream()
                .sorted(Comparator.comparingDouble(SearchHit::score).reversed()
                        .thenComparing(hit -> hit.id().value()))
                .limit(query.k())
                .toList();
    }

    private State existing(ResourceName collection) {
        State state = partition().get(collection);
        if (state == null) {
            throw new NotFoundException("vectors.collection_not_found", "collection " + collection + " does not exist");
        }
        return state;
    }

    private Map<ResourceName, State> partition() {
        return byTenant.computeIfAbsent(TenantContext.require(), tenant -> new HashMap<>());
    }
}

package dev.strata.domain.vectors;

import dev.strata.domain.shared.InvalidInputException;
import dev.strata.domain.shared.ResourceName;
import dev.strata.domain.vectors.port.VectorStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * In-memory fake of {@link VectorStore} over the collections of an {@link InMemoryVectorCollections}: exact
 * (brute-force) vector search, and a plain text search — an item matches when its content holds every word of
 * the query (lower-cased, split at anything not a letter or digit), ranked by how often the words occur.
 */
public final class InMemoryVectorStore implements VectorStore {
    private final InMemoryVectorCollections collections;

    public InMemoryVectorStore(InMemoryVectorCollections collections) {
        this.collections = collections;
    }

    @Override
    public WriteResult upsert(ResourceName collection, List<VectorItem> items) {
        synchronized (collections) {
            InMemoryVectorCollections.State state = collections.existing(collection);
            if (items != null && items.size() > MAX_BATCH) {
                throw new InvalidInputException("items", "items must hold at most " + MAX_BATCH + " items");
            }
            state.definition.checkItems(items);
            if (items.isEmpty()) {
                return new WriteResult(0, state.version);
            }
            items.forEach(item -> state.items.put(item.id(), item));
            return new WriteResult(items.size(), collections.bump(state));
        }
    }

    @Override
    public Optional<VectorItem> get(ResourceName collection, VectorId id) {
        synchronized (collections) {
            return Optional.ofNullable(collections.existing(collection).items.get(id));
        }
    }

    @Override
    public WriteResult delete(ResourceName collection, VectorId id) {
        synchronized (collections) {
            InMemoryVectorCollections.State state = collections.existing(collection);
            if (state.items.remove(id) == null) {
                return new WriteResult(0, state.version);
            }
            return new WriteResult(1, collections.bump(state));
        }
    }

    @Override
    public WriteResult deleteWhere(ResourceName collection, MetadataFilter filter) {
        synchronized (collections) {
            InMemoryVectorCollections.State state = collections.existing(collection);
            if (filter == null || filter.isEmpty()) {
                throw new InvalidInputException("filter", "filter must hold at least one condition");
            }
            int before = state.items.size();
            state.items.values().removeIf(item -> filter.matches(item.metadata()));
            int deleted = before - state.items.size();
            return deleted == 0 ? new WriteResult(0, state.version) : new WriteResult(deleted, collections.bump(state));
        }
    }

    @Override
    public SearchResult search(ResourceName collection, SearchQuery query) {
        synchronized (collections) {
            InMemoryVectorCollections.State state = collections.existing(collection);
            query.vector().ifPresent(vector -> state.definition.checkVector("vector", vector));
            int depth = query.mode() == SearchMode.HYBRID ? ReciprocalRankFusion.depth(query.k()) : query.k();
            List<SearchHit> hits = switch (query.mode()) {
                case VECTOR -> byVector(state, query, depth);
                case TEXT -> byText(state, query, depth);
                case HYBRID -> ReciprocalRankFusion.fuse(List.of(byVector(state, query, depth), byText(state, query, depth)),
                        query.k());
            };
            if (query.minScore().isPresent()) {
                hits = hits.stream().filter(hit -> hit.score() >= query.minScore().getAsDouble()).toList();
            }
            return new SearchResult(hits.size() > query.k() ? hits.subList(0, query.k()) : hits, state.version);
        }
    }

    @Override
    public long count(ResourceName collection) {
        synchronized (collections) {
            return collections.existing(collection).items.size();
        }
    }

    @Override
    public boolean prewarm(ResourceName collection) {
        synchronized (collections) {
            collections.existing(collection);
            return true;
        }
    }

    private static List<SearchHit> byVector(InMemoryVectorCollections.State state, SearchQuery query, int depth) {
        Embedding vector = query.vector().orElseThrow();
        Metric metric = state.definition.metric();
        List<SearchHit> hits = new ArrayList<>();
        for (VectorItem item : state.items.values()) {
            if (query.filter().matches(item.metadata())) {
                double distance = metric.distance(vector, item.vector());
                hits.add(hit(item, query, metric.score(distance), OptionalDouble.of(distance)));
            }
        }
        return best(hits, depth);
    }

    private static List<SearchHit> byText(InMemoryVectorCollections.State state, SearchQuery query, int depth) {
        List<String> words = words(query.text().orElseThrow());
        List<SearchHit> hits = new ArrayList<>();
        for (VectorItem item : state.items.values()) {
            if (item.content().isEmpty() || !query.filter().matches(item.metadata())) {
                continue;
            }
            List<String> tokens = words(item.content().get());
            if (!words.isEmpty() && tokens.containsAll(words)) {
                long occurrences = tokens.stream().filter(words::contains).count();
                hits.add(hit(item, query, occurrences / (double) (tokens.size() + 1), OptionalDouble.empty()));
            }
        }
        return best(hits, depth);
    }

    private static List<SearchHit> best(List<SearchHit> hits, int depth) {
        return hits.stream()
                .sorted(Comparator.comparingDouble(SearchHit::score).reversed().thenComparing(hit -> hit.id().value()))
                .limit(depth)
                .toList();
    }

    private static SearchHit hit(VectorItem item, SearchQuery query, double score, OptionalDouble distance) {
        return new SearchHit(item.id(), score, distance,
                query.includes(Include.METADATA) ? Optional.of(item.metadata()) : Optional.empty(),
                query.includes(Include.CONTENT) ? item.content() : Optional.empty(),
                query.includes(Include.VECTOR) ? Optional.of(item.vector()) : Optional.empty());
    }

    private static List<String> words(String text) {
        return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
                .filter(word -> !word.isEmpty())
                .toList();
    }
}

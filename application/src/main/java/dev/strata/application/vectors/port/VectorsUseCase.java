package dev.strata.application.vectors.port;

import dev.strata.domain.shared.ResourceName;
import dev.strata.domain.vectors.CollectionDefinition;
import dev.strata.domain.vectors.CollectionInfo;
import dev.strata.domain.vectors.DefineCollectionResult;
import dev.strata.domain.vectors.MetadataFilter;
import dev.strata.domain.vectors.SearchHit;
import dev.strata.domain.vectors.SearchQuery;
import dev.strata.domain.vectors.VectorId;
import dev.strata.domain.vectors.VectorItem;
import dev.strata.domain.vectors.WriteResult;
import java.util.List;
import java.util.Optional;

/**
 * Use case: vector collections of the current tenant — definitions (under a per-tenant quota), items, and searches
 * answered from the shared result cache while no write has happened since. A collection that does not exist (or is
 * another tenant's) throws {@link dev.strata.domain.shared.NotFoundException}.
 */
public interface VectorsUseCase {
    DefineCollectionResult define(CollectionDefinition definition);

    CollectionInfo find(ResourceName collection);

    List<CollectionInfo> list(Optional<ResourceName> after, int limit);

    /** Deletes the collection, its items and its cached results; false when it did not exist. */
    boolean delete(ResourceName collection);

    /** Upserts up to 1,000 items, all or nothing; answered only once no search can be served an older result. */
    WriteResult upsert(ResourceName collection, List<VectorItem> items);

    /** The item, from the shared hot copies when it is read often, else from the durable store. */
    Optional<VectorItem> get(ResourceName collection, VectorId id);

    WriteResult delete(ResourceName collection, VectorId id);

    WriteResult deleteWhere(ResourceName collection, MetadataFilter filter);

    SearchAnswer search(ResourceName collection, SearchQuery query);

    /**
     * Loads the indexes of every tenant's collections (at most {@code limit}) into the database's memory, each under
     * its tenant; answers how many were loaded. Called once at start, in the background; a collection it missed is
     * loaded by its first search on this instance.
     */
    int prewarmEveryCollection(int limit);

    /**
     * The key of {@code query} in the shared result cache: a hash of its canonical form, the same for every spelling
     * of one request. A caller that has seen a request's bytes before may keep the key and try {@link #cached} first.
     */
    String requestKey(SearchQuery query);

    /**
     * The cached answer of the request with that {@link #requestKey key}, when the result cache holds one for the
     * collection's current version; empty otherwise (or when Redis is unavailable): then call {@link #search}.
     */
    Optional<SearchAnswer> cached(ResourceName collection, String requestKey);

    /**
     * Answer of a search.
     *
     * @param hits   best first
     * @param cached whether the answer came from the shared result cache
     * @param tookMs time spent answering, in milliseconds
     */
    record SearchAnswer(List<SearchHit> hits, boolean cached, double tookMs) {
        public SearchAnswer {
            hits = List.copyOf(hits);
        }
    }
}

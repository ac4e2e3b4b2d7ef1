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

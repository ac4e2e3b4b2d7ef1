package dev.strata.domain.vectors.port;

import dev.strata.domain.shared.ResourceName;
import dev.strata.domain.vectors.MetadataFilter;
import dev.strata.domain.vectors.SearchQuery;
import dev.strata.domain.vectors.SearchResult;
import dev.strata.domain.vectors.VectorId;
import dev.strata.domain.vectors.VectorItem;
import dev.strata.domain.vectors.WriteResult;
import java.util.List;
import java.util.Optional;

/**
 * Driven port: the items of a tenant's vector collections and searches over them (Postgres + pgvector).
 * Every method works inside the current {@link dev.strata.domain.shared.TenantContext}; a collection that
 * does not exist (or is another tenant's) throws {@link dev.strata.domain.shared.NotFoundException} with code
 * {@code vectors.collection_not_found}. Every write that changes a collection grows its version in the same
 * transaction and answers the new version, so a reader that saw the write also sees the new version.
 */
public interface VectorStore {
    /** The most items one upsert takes. */
    int MAX_BATCH = 1000;

    /**
     * Inserts or replaces up to {@value #MAX_BATCH} items, all or nothing. Items that do not fit
     * ({@link dev.strata.domain.vectors.CollectionDefinition#checkItems}) throw
     * {@link dev.strata.domain.shared.InvalidInputException} naming the item, and nothing is stored.
     */
    WriteResult upsert(ResourceName collection, List<VectorItem> items);

    /** The item, or empty when there is no such item. */
    Optional<VectorItem> get(ResourceName collection, VectorId id);

    /** Deletes the item; {@code count} 1 when it existed, 0 (and the version unchanged) when not. */
    WriteResult delete(ResourceName collection, VectorId id);

    /** Deletes every item the (non-empty) filter matches; an empty filter is refused naming {@code filter}. */
    WriteResult deleteWhere(ResourceName collection, MetadataFilter filter);

    /**
     * The best {@code k} items for the query that match its filter and reach its {@code minScore}, highest
     * score first (ties by id). Scores: cosine {@code 1 − distance}, inner product the product, l2
     * {@code −distance}; text: the full-text rank; hybrid: the reciprocal-rank-fusion score. A query vector
     * that does not fit the collection throws {@link dev.strata.domain.shared.InvalidInputException} naming
     * {@code vector}.
     */
    SearchResult search(ResourceName collection, SearchQuery query);

    /** How many items the collection holds. */
    long count(ResourceName collection);

    /**
     * Loads the collection's table and indexes into the database's buffer cache, so the first searches do not
     * read cold pages; answers false when the store cannot (no prewarm support), which is not an error.
     */
    boolean prewarm(ResourceName collection);
}

package dev.strata.domain.vectors.port;

import dev.strata.domain.shared.ResourceName;
import dev.strata.domain.vectors.Collection;
import dev.strata.domain.vectors.CollectionInfo;
import dev.strata.domain.vectors.EnsureCollectionResult;
import dev.strata.domain.vectors.SearchHit;
import dev.strata.domain.vectors.SearchQuery;
import dev.strata.domain.vectors.VectorId;
import dev.strata.domain.vectors.VectorItem;
import java.util.List;
import java.util.Optional;

/**
 * Driven port: stores vector collections and answers similarity searches (Postgres + pgvector). Every
 * method works inside the current {@link dev.strata.domain.shared.TenantContext}. Writes to a collection
 * that does not exist throw {@link dev.strata.domain.shared.NotFoundException} with code
 * {@code vectors.collection_not_found}.
 */
public interface VectorIndex {
    /** Creates the collection unless one of that name exists; tells which happened. Atomic per name. */
    EnsureCollectionResult ensureCollection(Collection settings);

    Optional<CollectionInfo> findCollection(ResourceName name);

    /** Collections ordered by name, after {@code after} (exclusive) when given, at most {@code limit}. */
    List<CollectionInfo> listCollections(Optional<ResourceName> after, int limit);

    /** Deletes the collection and all its items; false when it did not exist. */
    boolean deleteCollection(ResourceName name);

    /**
     * Inserts or replaces the items, all or nothing, and moves the collection's version on. Items that do
     * not fit ({@link Collection#checkItems}) throw {@link dev.strata.domain.shared.InvalidInputException}
     * naming the item, and nothing is stored. Answers how many items were upserted.
     */
    int upsert(ResourceName collection, List<VectorItem> items);

    /** The item; empty when it or its collection does not exist. */
    Optional<VectorItem> get(ResourceName collection, VectorId id);

    /** Deletes the item (moving the version on); false when it or its collection did not exist. */
    boolean delete(ResourceName collection, VectorId id);

    /**
     * The {@code k} items closest to the query vector that match the filter and reach {@code minScore},
     * highest score first (ties by id). A query vector that does not fit the collection throws
     * {@link dev.strata.domain.shared.InvalidInputException} naming {@code vector}.
     */
    List<SearchHit> search(ResourceName collection, SearchQuery query);
}

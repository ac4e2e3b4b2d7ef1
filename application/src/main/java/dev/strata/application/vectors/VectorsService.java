package dev.strata.application.vectors;

import dev.strata.application.vectors.port.VectorsUseCase;
import dev.strata.domain.shared.NotFoundException;
import dev.strata.domain.shared.Quota;
import dev.strata.domain.shared.ResourceName;
import dev.strata.domain.shared.StoreUnavailableException;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.vectors.CollectionDefinition;
import dev.strata.domain.vectors.CollectionInfo;
import dev.strata.domain.vectors.DefineCollectionResult;
import dev.strata.domain.vectors.MetadataFilter;
import dev.strata.domain.vectors.SearchHit;
import dev.strata.domain.vectors.SearchQuery;
import dev.strata.domain.vectors.SearchResult;
import dev.strata.domain.vectors.TenantCollection;
import dev.strata.domain.vectors.VectorId;
import dev.strata.domain.vectors.VectorItem;
import dev.strata.domain.vectors.WriteResult;
import dev.strata.domain.vectors.port.CollectionStamp;
import dev.strata.domain.vectors.port.HotVectors;
import dev.strata.domain.vectors.port.SearchResultCache;
import dev.strata.domain.vectors.port.VectorCollections;
import dev.strata.domain.vectors.port.VectorStore;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The vectors use cases. Searches follow the {@link SearchResultCache} protocol: lookup; on a miss search Postgres
 * and store the hits under the stamp observed before searching; an unversioned collection is seeded with the
 * version read from Postgres; a due renewal confirms the version against Postgres. Every write publishes the new
 * version after its commit and before it answers (waiting out the version lease when Redis cannot take it). Reads by
 * id go through the hot copies. Redis down: searches and reads go to Postgres uncached.
 */
public final class VectorsService implements VectorsUseCase {
    /** Larger results (say k = 1000 with vectors) are not cached: they would crowd the bounded cache out. */
    static final int MAX_CACHED_BYTES = 1 << 20;
    private static final long PUBLISH_RETRY_MILLIS = 250;

    private final VectorCollections collections;
    private final VectorStore store;
    private final SearchResultCache results;
    private final HotVectors hot;
    private final Quota collectionsQuota;
    private final Set<String> prewarmed = ConcurrentHashMap.newKeySet();

    public VectorsService(VectorCollections collections, VectorStore store, SearchResultCache results, HotVectors hot,
                          Quota collectionsQuota) {
        this.collections = collections;
        this.store = store;
        this.results = results;
        this.hot = hot;
        this.collectionsQuota = collectionsQuota;
    }

    @Override
    public DefineCollectionResult define(CollectionDefinition definition) {
        return collections.define(definition, collectionsQuota);
    }

    @Override
    public CollectionInfo find(ResourceName collection) {
        return collections.find(collection).orElseThrow(() -> notFound(collection));
    }

    @Override
    public List<CollectionInfo> list(Optional<ResourceName> after, int limit) {
        return collections.list(after, limit);
    }

    @Override
    public boolean delete(ResourceName collection) {
        long committed = System.nanoTime();
        boolean deleted = collections.delete(collection);
        prewarmed.remove(prewarmKey(collection));
        if (deleted) {
            untilLeaseEnds(committed, () -> {
                results.forget(collection);
                hot.forget(collection);
            });
        }
        return deleted;
    }

    @Override
    public WriteResult upsert(ResourceName collection, List<VectorItem> items) {
        return published(collection, store.upsert(collection, items));
    }

    @Override
    public Optional<VectorItem> get(ResourceName collection, VectorId id) {
        HotVectors.Read read;
        try {
            read = hot.read(collection, id.value());
        } catch (StoreUnavailableException redisDown) {
            return store.get(collection, id);
        }
        if (read instanceof HotVectors.Read.Kept kept) {
            Optional<VectorItem> copy = VectorsWire.decodeItem(kept.item());
            if (copy.isPresent()) {
                return copy;
            }
        }
        Optional<VectorItem> item = store.get(collection, id);
        if (read instanceof HotVectors.Read.NotKept notKept && notKept.hot() && notKept.stamp().isPresent()
                && item.isPresent()) {
            try {
                hot.keep(collection, notKept.stamp().get(), id.value(), VectorsWire.encodeItem(item.get()));
            } catch (StoreUnavailableException redisDown) {
                // the copy is an optimisation; the answer stands
            }
        }
        return item;
    }

    @Override
    public WriteResult delete(ResourceName collection, VectorId id) {
        return published(collection, store.delete(collection, id));
    }

    @Override
    public WriteResult deleteWhere(ResourceName collection, MetadataFilter filter) {
        return published(collection, store.deleteWhere(collection, filter));
    }

    @Override
    public SearchAnswer search(ResourceName collection, SearchQuery query) {
        long started = System.nanoTime();
        String hash = VectorsWire.requestHash(query);
        Optional<CollectionStamp> stamp = Optional.empty();
        try {
            SearchResultCache.Lookup lookup = results.lookup(collection, hash);
            if (lookup instanceof SearchResultCache.Lookup.Hit hit) {
                renewIfDue(collection, hit.stamp(), hit.renewal());
                Optional<List<SearchHit>> hits = VectorsWire.decodeHits(hit.result());
                if (hits.isPresent()) {
                    return new SearchAnswer(hits.get(), true, millisSince(started));
                }
                stamp = Optional.of(hit.stamp());
            } else if (lookup instanceof SearchResultCache.Lookup.Miss miss) {
                renewIfDue(collection, miss.stamp(), miss.renewal());
                stamp = Optional.of(miss.stamp());
            } else {
                stamp = Optional.of(results.seedVersion(collection, find(collection).version()));
            }
        } catch (StoreUnavailableException redisDown) {
            stamp = Optional.empty();
        }
        prewarmOnce(collection);
        SearchResult result = store.search(collection, query);
        if (stamp.isPresent() && result.version() >= stamp.get().version()) {
            byte[] bytes = VectorsWire.encodeHits(result.hits());
            if (bytes.length <= MAX_CACHED_BYTES) {
                try {
                    results.store(collection, stamp.get(), hash, bytes);
                } catch (StoreUnavailableException redisDown) {
                    // answered uncached
                }
            }
        }
        return new SearchAnswer(result.hits(), false, millisSince(started));
    }

    @Override
    public String requestKey(SearchQuery query) {
        return VectorsWire.requestHash(query);
    }

    @Override
    public Optional<SearchAnswer> cached(ResourceName collection, String requestKey) {
        long started = System.nanoTime();
        try {
            SearchResultCache.Lookup lookup = results.lookup(collection, requestKey);
            if (lookup instanceof SearchResultCache.Lookup.Hit hit) {
                renewIfDue(collection, hit.stamp(), hit.renewal());
                return VectorsWire.decodeHits(hit.result()).map(hits -> new SearchAnswer(hits, true, millisSince(started)));
            }
            if (lookup instanceof SearchResultCache.Lookup.Miss miss) {
                renewIfDue(collection, miss.stamp(), miss.renewal());
            }
        } catch (StoreUnavailableException redisDown) {
            // answered by a search
        }
        return Optional.empty();
    }

    @Override
    public int prewarmEveryCollection(int limit) {
        int loaded = 0;
        for (TenantCollection each : collections.everyTenant(limit)) {
            if (TenantContext.callAs(each.tenant(), () -> prewarmOnce(each.name()))) {
                loaded++;
            }
        }
        return loaded;
    }

    /**
     * The first search of a collection on this instance loads its indexes into the database's memory (unless the
     * prewarm at start did); true when this call loaded them.
     */
    private boolean prewarmOnce(ResourceName collection) {
        if (prewarmed.add(prewarmKey(collection))) {
            try {
                return store.prewarm(collection);
            } catch (RuntimeException failed) {
                prewarmed.remove(prewarmKey(collection));
            }
        }
        return false;
    }

    private static String prewarmKey(ResourceName collection) {
        return TenantContext.require().value() + "/" + collection.value();
    }

    private void renewIfDue(ResourceName collection, CollectionStamp stamp, SearchResultCache.Renewal renewal) {
        if (!renewal.due()) {
            return;
        }
        Optional<CollectionInfo> info = collections.find(collection);
        if (info.isEmpty()) {
            return;
        }
        long version = info.get().version();
        if (version == stamp.version()) {
            results.renewVersion(collection, stamp, renewal.checkpointMillis());
        } else if (version > stamp.version()) {
            results.publishVersion(collection, version);
        }
    }

    /** Publishes the write's version before it is answered, so no older cached result is served after the answer. */
    private WriteResult published(ResourceName collection, WriteResult written) {
        long committed = System.nanoTime();
        if (written.count() > 0) {
            untilLeaseEnds(committed, () -> results.publishVersion(collection, written.version()));
        }
        return written;
    }

    /**
     * Runs {@code step} against the shared store; while it fails, retries until one version lease has passed since
     * {@code committed}: by then every stamp current at the commit has expired, so the answer may go out either way.
     */
    private void untilLeaseEnds(long committed, Runnable step) {
        long deadline = committed + results.versionLease().toNanos();
        while (true) {
            try {
                step.run();
                return;
            } catch (StoreUnavailableException redisDown) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                sleep(Math.min(Duration.ofNanos(left).toMillis() + 1, PUBLISH_RETRY_MILLIS));
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("redis", "interrupted while waiting out the version lease", e);
        }
    }

    private static double millisSince(long started) {
        return Math.round((System.nanoTime() - started) / 10_000.0) / 100.0;
    }

    private static NotFoundException notFound(ResourceName collection) {
        return new NotFoundException("vectors.collection_not_found", "collection " + collection.value() + " not found");
    }
}

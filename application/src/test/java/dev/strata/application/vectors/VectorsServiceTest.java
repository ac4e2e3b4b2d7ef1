package dev.strata.application.vectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.application.vectors.port.VectorsUseCase.SearchAnswer;
import dev.strata.domain.shared.MutableClock;
import dev.strata.domain.shared.NotFoundException;
import dev.strata.domain.shared.Quota;
import dev.strata.domain.shared.QuotaExceededException;
import dev.strata.domain.shared.ResourceName;
import dev.strata.domain.shared.StoreUnavailableException;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import dev.strata.domain.vectors.CollectionDefinition;
import dev.strata.domain.vectors.Embedding;
import dev.strata.domain.vectors.InMemoryHotVectors;
import dev.strata.domain.vectors.InMemorySearchResultCache;
import dev.strata.domain.vectors.InMemoryVectorCollections;
import dev.strata.domain.vectors.InMemoryVectorStore;
import dev.strata.domain.vectors.Include;
import dev.strata.domain.vectors.Metadata;
import dev.strata.domain.vectors.MetadataValue;
import dev.strata.domain.vectors.Metric;
import dev.strata.domain.vectors.SearchHit;
import dev.strata.domain.vectors.SearchQuery;
import dev.strata.domain.vectors.VectorId;
import dev.strata.domain.vectors.VectorItem;
import dev.strata.domain.vectors.port.CollectionStamp;
import dev.strata.domain.vectors.port.SearchResultCache;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The vectors use cases over the in-memory ports: the result-cache protocol, hot reads, quota, Redis outages. */
class VectorsServiceTest {
    private static final ResourceName DOCS = new ResourceName("docs");
    private static final Duration LEASE = Duration.ofMillis(50);

    private final MutableClock clock = new MutableClock();
    private final InMemoryVectorCollections collections = new InMemoryVectorCollections();
    private final InMemoryVectorStore store = new InMemoryVectorStore(collections);
    private final InMemorySearchResultCache cache = new InMemorySearchResultCache(clock, Duration.ofSeconds(300), 100, LEASE);
    private final AtomicBoolean redisDown = new AtomicBoolean();
    private final InMemoryHotVectors hot = new InMemoryHotVectors(clock, cache, 10, Duration.ofSeconds(60), 2);
    private final VectorsService service = new VectorsService(collections, store, new Outage(cache), hot,
            new Quota("collections", 2));
    private final TenantId tenant = TenantId.random();

    @Test
    void aRepeatedSearchIsCachedUntilTheNextWrite() {
        TenantContext.runAs(tenant, () -> {
            service.define(CollectionDefinition.of(DOCS, 2, Metric.COSINE));
            service.upsert(DOCS, List.of(item("x", 1, 0), item("y", 0, 1)));
            SearchQuery query = SearchQuery.nearest(Embedding.of(1f, 0.2f), 1);
            SearchAnswer first = service.search(DOCS, query);
            assertFalse(first.cached());
            assertEquals(List.of("x"), ids(first));
            SearchAnswer second = service.search(DOCS, query);
            assertTrue(second.cached());
            assertEquals(List.of("x"), ids(second));
            assertFalse(service.search(DOCS, SearchQuery.nearest(Embedding.of(1f, 0.2f), 2)).cached(), "k is part of the request");

            service.upsert(DOCS, List.of(item("n", 1, 0.19f)));
            SearchAnswer after = service.search(DOCS, query);
            assertFalse(after.cached());
            assertEquals(List.of("n"), ids(after));
            service.delete(DOCS, new VectorId("n"));
            assertEquals(List.of("x"), ids(service.search(DOCS, query)));
        });
    }

    @Test
    void aRequestKeyAnswersFromTheCacheOnlyWhileNoWriteHappened() {
        TenantContext.runAs(tenant, () -> {
            service.define(CollectionDefinition.of(DOCS, 2, Metric.COSINE));
            service.upsert(DOCS, List.of(item("x", 1, 0), item("y", 0, 1)));
            SearchQuery query = SearchQuery.nearest(Embedding.of(1f, 0.2f), 1);
            String key = service.requestKey(query);
            assertEquals(key, service.requestKey(SearchQuery.nearest(Embedding.of(1f, 0.2f), 1)), "one key per request");
            assertTrue(service.cached(DOCS, key).isEmpty(), "nothing cached yet");
            service.search(DOCS, query);
            SearchAnswer cached = service.cached(DOCS, key).orElseThrow();
            assertTrue(cached.cached());
            assertEquals(List.of("x"), ids(cached));

            service.upsert(DOCS, List.of(item("n", 1, 0.19f)));
            assertTrue(service.cached(DOCS, key).isEmpty(), "a write makes the cached answer unreachable");
            assertEquals(List.of("n"), ids(service.search(DOCS, query)));
            assertEquals(List.of("n"), ids(service.cached(DOCS, key).orElseThrow()));
            redisDown.set(true);
            assertTrue(service.cached(DOCS, key).isEmpty(), "Redis down: no cached answer, the caller searches");
        });
    }

    @Test
    void prewarmAtStartLoadsEveryTenantsCollectionsOncePerInstance() {
        TenantId other = TenantId.random();
        TenantContext.runAs(tenant, () -> service.define(CollectionDefinition.of(DOCS, 2, Metric.COSINE)));
        TenantContext.runAs(other, () -> service.define(CollectionDefinition.of(new ResourceName("images"), 2, Metric.L2)));
        assertEquals(2, service.prewarmEveryCollection(100));
        assertEquals(0, service.prewarmEveryCollection(100), "each collection once per instance");
        TenantContext.runAs(tenant, () -> service.define(CollectionDefinition.of(new ResourceName("more"), 2, Metric.L2)));
        assertEquals(1, service.prewarmEveryCollection(100), "only the new one");
    }

    @Test
    void aSearchWithRedisDownIsAnsweredUncachedAndAWriteWaitsOutTheLease() {
        TenantContext.runAs(tenant, () -> {
            service.define(CollectionDefinition.of(DOCS, 2, Metric.COSINE));
            service.upsert(DOCS, List.of(item("x", 1, 0)));
            SearchQuery query = SearchQuery.nearest(Embedding.of(1f, 0.2f), 1);
            service.search(DOCS, query);
            assertTrue(service.search(DOCS, query).cached());

            redisDown.set(true);
            assertFalse(service.search(DOCS, query).cached());
            assertEquals(1, service.upsert(DOCS, List.of(item("n", 1, 0.19f))).count(), "a write is answered while Redis is down");
            assertEquals(List.of("n"), ids(service.search(DOCS, query)));
            assertEquals("n", service.get(DOCS, new VectorId("n")).orElseThrow().id().value());

            // by the time the write answered, every stamp set before it had expired (its lease has passed)
            clock.advance(LEASE.plusMillis(1));
            redisDown.set(false);
            assertEquals(List.of("n"), ids(service.search(DOCS, query)));
        });
    }

    @Test
    void anOftenReadItemIsKeptAndAWriteHidesTheCopy() {
        TenantContext.runAs(tenant, () -> {
            service.define(CollectionDefinition.of(DOCS, 2, Metric.COSINE));
            service.upsert(DOCS, List.of(item("x", 1, 0)));
            service.search(DOCS, SearchQuery.nearest(Embedding.of(1f, 0f), 1)); // seeds the version in the cache
            for (int i = 0; i < 4; i++) {
                assertEquals(Embedding.of(1f, 0f), service.get(DOCS, new VectorId("x")).orElseThrow().vector());
            }
            service.upsert(DOCS, List.of(item("x", 0, 1)));
            assertEquals(Embedding.of(0f, 1f), service.get(DOCS, new VectorId("x")).orElseThrow().vector());
            assertTrue(service.get(DOCS, new VectorId("missing")).isEmpty());
        });
    }

    @Test
    void theQuotaOnCollectionsAndDeletion() {
        TenantContext.runAs(tenant, () -> {
            service.define(CollectionDefinition.of(DOCS, 2, Metric.COSINE));
            service.define(CollectionDefinition.of(new ResourceName("b"), 2, Metric.L2));
            assertThrows(QuotaExceededException.class,
                    () -> service.define(CollectionDefinition.of(new ResourceName("c"), 2, Metric.L2)));
            service.search(DOCS, SearchQuery.nearest(Embedding.of(1f, 0f), 1));
            assertTrue(service.delete(DOCS));
            assertFalse(service.delete(DOCS));
            assertTrue(cache.currentStamp(DOCS).isEmpty(), "the cache forgot the collection");
            assertThrows(NotFoundException.class, () -> service.find(DOCS));
            assertThrows(NotFoundException.class, () -> service.search(DOCS, SearchQuery.nearest(Embedding.of(1f, 0f), 1)));
        });
        TenantContext.runAs(TenantId.random(), () ->
                assertThrows(NotFoundException.class, () -> service.find(new ResourceName("b"))));
    }

    @Test
    void cacheValuesRoundTripAndTheRequestHashCoversEveryField() {
        SearchHit hit = new SearchHit(new VectorId("a"), 0.5, java.util.OptionalDouble.of(0.5),
                Optional.of(Metadata.of(Map.of("s", MetadataValue.of("t"), "n", MetadataValue.of(3),
                        "b", MetadataValue.of(true)))), Optional.of("text"), Optional.of(Embedding.of(1f, 2f)));
        assertEquals(List.of(hit), VectorsWire.decodeHits(VectorsWire.encodeHits(List.of(hit))).orElseThrow());
        VectorItem item = new VectorItem(new VectorId("i"), Embedding.of(3f, 4f), Metadata.EMPTY, Optional.of("c"));
        assertEquals(item, VectorsWire.decodeItem(VectorsWire.encodeItem(item)).orElseThrow());
        assertTrue(VectorsWire.decodeHits(new byte[] {9}).isEmpty());

        SearchQuery base = SearchQuery.nearest(Embedding.of(1f, 0f), 3);
        assertEquals(VectorsWire.requestHash(base), VectorsWire.requestHash(SearchQuery.nearest(Embedding.of(1f, 0f), 3)));
        for (SearchQuery other : List.of(base.withMinScore(0.1), base.withEfSearch(50), base.withProbes(2),
                base.including(Set.of(Include.VECTOR)), SearchQuery.nearest(Embedding.of(1f, 0.001f), 3),
                base.withFilter(dev.strata.domain.vectors.MetadataFilter.equal("a", MetadataValue.of(1))))) {
            assertNotEquals(VectorsWire.requestHash(base), VectorsWire.requestHash(other), other.toString());
        }
    }

    private static VectorItem item(String id, float a, float b) {
        return VectorItem.of(new VectorId(id), Embedding.of(a, b));
    }

    private static List<String> ids(SearchAnswer answer) {
        return answer.hits().stream().map(hit -> hit.id().value()).toList();
    }

    /** The cache as seen through a connection that fails while {@code redisDown} is set. */
    private final class Outage implements SearchResultCache {
        private final SearchResultCache cache;

        Outage(SearchResultCache cache) {
            this.cache = cache;
        }

        private void check() {
            if (redisDown.get()) {
                throw new StoreUnavailableException("redis", "down", null);
            }
        }

        @Override
        public Duration versionLease() {
            return cache.versionLease();
        }

        @Override
        public CollectionStamp publishVersion(ResourceName collection, long version) {
            check();
            return cache.publishVersion(collection, version);
        }

        @Override
        public CollectionStamp seedVersion(ResourceName collection, long version) {
            check();
            return cache.seedVersion(collection, version);
        }

        @Override
        public Lookup lookup(ResourceName collection, String requestHash) {
            check();
            return cache.lookup(collection, requestHash);
        }

        @Override
        public boolean renewVersion(ResourceName collection, CollectionStamp stamp, long checkpointMillis) {
            check();
            return cache.renewVersion(collection, stamp, checkpointMillis);
        }

        @Override
        public boolean store(ResourceName collection, CollectionStamp stamp, String requestHash, byte[] result) {
            check();
            return cache.store(collection, stamp, requestHash, result);
        }

        @Override
        public void forget(ResourceName collection) {
            check();
            cache.forget(collection);
        }
    }
}

package dev.strata.domain.vectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.domain.shared.ContractSupport;
import dev.strata.domain.shared.InvalidInputException;
import dev.strata.domain.shared.NotFoundException;
import dev.strata.domain.shared.ResourceName;
import dev.strata.domain.shared.TenantId;
import dev.strata.domain.vectors.port.VectorIndex;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract test of {@link VectorIndex}: the in-memory fake and the Postgres (pgvector) adapter extend it.
 * Collections are tiny, so approximate indexes still find the exact answer.
 */
public abstract class VectorIndexContract extends ContractSupport {
    /** Tolerance for scores and distances (stores may compute in single precision). */
    protected static final double TOLERANCE = 1e-4;
    protected static final ResourceName DOCS = new ResourceName("docs");

    protected VectorIndex index;
    protected TenantId tenant;

    /** Hook: the index under test; called before each test. */
    protected abstract VectorIndex createSubject();

    @BeforeEach
    void createIndex() {
        index = createSubject();
        tenant = newTenant();
    }

    protected static Collection collection(ResourceName name, int dimension, Metric metric) {
        return new Collection(name, dimension, metric, IndexSettings.defaults());
    }

    protected static VectorItem item(String id, float... vector) {
        return VectorItem.of(new VectorId(id), Embedding.of(vector));
    }

    protected static VectorItem item(String id, Map<String, MetadataValue> metadata, float... vector) {
        return new VectorItem(new VectorId(id), Embedding.of(vector), Metadata.of(metadata), Optional.empty());
    }

    private CollectionInfo ensureNew(Collection settings) {
        EnsureCollectionResult result = as(tenant, () -> index.ensureCollection(settings));
        assertInstanceOf(EnsureCollectionResult.Created.class, result);
        return result.collection();
    }

    private int upsert(ResourceName collection, VectorItem... items) {
        return as(tenant, () -> index.upsert(collection, List.of(items)));
    }

    private List<SearchHit> search(ResourceName collection, SearchQuery query) {
        return as(tenant, () -> index.search(collection, query));
    }

    private CollectionInfo info(ResourceName name) {
        return as(tenant, () -> index.findCollection(name)).orElseThrow();
    }

    private static List<String> ids(List<SearchHit> hits) {
        return hits.stream().map(hit -> hit.id().value()).toList();
    }

    @Test
    void ensureCreatesOnceThenReportsSameOrConflictingSettings() {
        Collection settings = collection(DOCS, 3, Metric.COSINE);
        CollectionInfo created = ensureNew(settings);
        assertEquals(settings, created.settings());
        assertEquals(0, created.count());

        EnsureCollectionResult again = as(tenant, () -> index.ensureCollection(settings));
        assertInstanceOf(EnsureCollectionResult.Unchanged.class, again);
        assertEquals(settings, again.collection().settings());

        for (Collection different : List.of(collection(DOCS, 4, Metric.COSINE), collection(DOCS, 3, Metric.L2),
                new Collection(DOCS, 3, Metric.COSINE, IndexSettings.none()),
                new Collection(DOCS, 3, Metric.COSINE, new IndexSettings.Hnsw(8, 32)))) {
            EnsureCollectionResult conflict = as(tenant, () -> index.ensureCollection(different));
            assertInstanceOf(EnsureCollectionResult.Conflicting.class, conflict, different.toString());
            assertEquals(settings, conflict.collection().settings(), "reports the existing settings");
        }
        assertEquals(settings, info(DOCS).settings());
    }

    @Test
    void anUnknownCollectionIsAbsentAndCannotBeWritten() {
        ResourceName missing = new ResourceName("missing");
        assertTrue(as(tenant, () -> index.findCollection(missing)).isEmpty());
        assertTrue(as(tenant, () -> index.get(missing, new VectorId("a"))).isEmpty());
        assertFalse(as(tenant, () -> index.delete(missing, new VectorId("a"))));
        assertFalse(as(tenant, () -> index.deleteCollection(missing)));
        assertThrows(NotFoundException.class, () -> upsert(missing, item("a", 1, 0)));
        assertThrows(NotFoundException.class, () -> search(missing, SearchQuery.nearest(Embedding.of(1, 0), 1)));
    }

    @Test
    void listPagesThroughEveryCollectionOnce() {
        Set<ResourceName> names = new HashSet<>();
        for (String name : List.of("a-1", "a.2", "a_3", "b", "c0", "zz")) {
            ResourceName resource = new ResourceName(name);
            ensureNew(collection(resource, 2, Metric.L2));
            names.add(resource);
        }
        List<ResourceName> all = as(tenant, () -> index.listCollections(Optional.empty(), 100)).stream()
                .map(info -> info.settings().name()).toList();
        assertEquals(names, new HashSet<>(all));

        List<ResourceName> paged = new ArrayList<>();
        Optional<ResourceName> after = Optional.empty();
        while (true) {
            Optional<ResourceName> cursor = after;
            List<CollectionInfo> page = as(tenant, () -> index.listCollections(cursor, 4));
            if (page.isEmpty()) {
                break;
            }
            page.forEach(info -> paged.add(info.settings().name()));
            after = Optional.of(page.get(page.size() - 1).settings().name());
        }
        assertEquals(all, paged);
    }

    @Test
    void storesItemsExactlyAndCountsThem() {
        ensureNew(collection(DOCS, 3, Metric.COSINE));
        VectorItem full = new VectorItem(new VectorId("doc/1 ✓ " + "x".repeat(200)), Embedding.of(0.25f, -1.5f, 3e-7f),
                Metadata.of(Map.of("lang", MetadataValue.of("de"), "year", MetadataValue.of(2024),
                        "score", MetadataValue.of(new BigDecimal("0.75")), "public", MetadataValue.of(true))),
                Optional.of("Grüße aus Köln"));
        VectorItem bare = item("doc-2", 1, 2, 3);
        assertEquals(2, upsert(DOCS, full, bare));

        assertEquals(full, as(tenant, () -> index.get(DOCS, full.id())).orElseThrow());
        assertEquals(bare, as(tenant, () -> index.get(DOCS, bare.id())).orElseThrow());
        assertEquals(2, info(DOCS).count());
    }

    @Test
    void upsertReplacesAnItemWithTheSameId() {
        ensureNew(collection(DOCS, 2, Metric.L2));
        upsert(DOCS, item("a", 1, 1), item("b", 2, 2));
        VectorItem replacement = item("a", Map.of("v", MetadataValue.of(2)), 5, 5);
        assertEquals(1, upsert(DOCS, replacement));
        assertEquals(replacement, as(tenant, () -> index.get(DOCS, new VectorId("a"))).orElseThrow());
        assertEquals(2, info(DOCS).count());
    }

    @Test
    void aBadItemStoresNothingOfTheRequestAndIsNamed() {
        ensureNew(collection(DOCS, 3, Metric.L2));
        long version = info(DOCS).version();
        InvalidInputException error = assertThrows(InvalidInputException.class,
                () -> upsert(DOCS, item("good", 1, 2, 3), item("bad", 1, 2)));
        assertEquals("items[1].vector", error.field());
        assertEquals("vectors.dimension_mismatch", error.code());
        assertTrue(as(tenant, () -> index.get(DOCS, new VectorId("good"))).isEmpty());
        assertEquals(0, info(DOCS).count());
        assertEquals(version, info(DOCS).version());
    }

    @Test
    void aZeroVectorIsRefusedByACosineCollection() {
        ensureNew(collection(DOCS, 2, Metric.COSINE));
        InvalidInputException error = assertThrows(InvalidInputException.class, () -> upsert(DOCS, item("zero", 0, 0)));
        assertEquals("items[0].vector", error.field());
        assertTrue(as(tenant, () -> index.get(DOCS, new VectorId("zero"))).isEmpty());
    }

    @Test
    void theVersionGrowsOnEveryWriteAndIsNeverReused() {
        long created = ensureNew(collection(DOCS, 2, Metric.L2)).version();
        upsert(DOCS, item("a", 1, 1));
        long afterUpsert = info(DOCS).version();
        assertTrue(afterUpsert > created);
        assertTrue(as(tenant, () -> index.delete(DOCS, new VectorId("a"))));
        long afterDelete = info(DOCS).version();
        assertTrue(afterDelete > afterUpsert);

        assertTrue(as(tenant, () -> index.deleteCollection(DOCS)));
        long recreated = ensureNew(collection(DOCS, 2, Metric.L2)).version();
        assertTrue(recreated > afterDelete, "a re-created collection never repeats an old version");
    }

    @Test
    void deletingAnItemRemovesItOnce() {
        ensureNew(collection(DOCS, 2, Metric.L2));
        upsert(DOCS, item("a", 1, 1), item("b", 2, 2));
        assertTrue(as(tenant, () -> index.delete(DOCS, new VectorId("a"))));
        assertTrue(as(tenant, () -> index.get(DOCS, new VectorId("a"))).isEmpty());
        assertFalse(as(tenant, () -> index.delete(DOCS, new VectorId("a"))));
        assertEquals(1, info(DOCS).count());
        assertEquals(List.of("b"), ids(search(DOCS, SearchQuery.nearest(Embedding.of(0, 0), 10))));
    }

    @Test
    void deletingACollectionDeletesItsItems() {
        ensureNew(collection(DOCS, 2, Metric.L2));
        upsert(DOCS, item("a", 1, 1));
        assertTrue(as(tenant, () -> index.deleteCollection(DOCS)));
        assertTrue(as(tenant, () -> index.findCollection(DOCS)).isEmpty());
        ensureNew(collection(DOCS, 2, Metric.L2));
        assertTrue(as(tenant, () -> index.get(DOCS, new VectorId("a"))).isEmpty());
        assertEquals(0, info(DOCS).count());
    }

    @Test
    void l2SearchRanksByDistanceWithNegativeDistanceAsScore() {
        ensureNew(collection(DOCS, 2, Metric.L2));
        upsert(DOCS, item("origin", 0, 0), item("five", 3, 4), item("one", 1, 0), item("ten", 6, 8));
        List<SearchHit> hits = search(DOCS, SearchQuery.nearest(Embedding.of(0, 0), 3));
        assertEquals(List.of("origin", "one", "five"), ids(hits));
        assertEquals(0, hits.get(0).distance(), TOLERANCE);
        assertEquals(1, hits.get(1).distance(), TOLERANCE);
        assertEquals(5, hits.get(2).distance(), TOLERANCE);
        assertEquals(-5, hits.get(2).score(), TOLERANCE);
    }

    @Test
    void cosineSearchScoresOneMinusDistance() {
        ensureNew(collection(DOCS, 2, Metric.COSINE));
        upsert(DOCS, item("x", 1, 0), item("y", 0, 1), item("diagonal", 1, 1));
        List<SearchHit> hits = search(DOCS, SearchQuery.nearest(Embedding.of(2, 0), 10));
        assertEquals(List.of("x", "diagonal", "y"), ids(hits));
        assertEquals(1, hits.get(0).score(), TOLERANCE);
        assertEquals(0, hits.get(0).distance(), TOLERANCE);
        assertEquals(Math.sqrt(0.5), hits.get(1).score(), TOLERANCE);
        assertEquals(1 - Math.sqrt(0.5), hits.get(1).distance(), TOLERANCE);
        assertEquals(0, hits.get(2).score(), TOLERANCE);
    }

    @Test
    void innerProductSearchScoresTheProduct() {
        ensureNew(collection(DOCS, 2, Metric.INNER_PRODUCT));
        upsert(DOCS, item("three", 1, 2), item("four", 4, 0), item("negative", -1, -1));
        List<SearchHit> hits = search(DOCS, SearchQuery.nearest(Embedding.of(1, 1), 10));
        assertEquals(List.of("four", "three", "negative"), ids(hits));
        assertEquals(4, hits.get(0).score(), TOLERANCE);
        assertEquals(-4, hits.get(0).distance(), TOLERANCE);
        assertEquals(-2, hits.get(2).score(), TOLERANCE);
    }

    @Test
    void searchReturnsAtMostKHits() {
        ensureNew(collection(DOCS, 1, Metric.L2));
        for (int i = 0; i < 12; i++) {
            upsert(DOCS, item("i" + i, i));
        }
        List<SearchHit> hits = search(DOCS, SearchQuery.nearest(Embedding.of(0), 5));
        assertEquals(List.of("i0", "i1", "i2", "i3", "i4"), ids(hits));
    }

    @Test
    void filterKeepsItemsWhoseFieldsEqualOneOfTheValuesForEveryField() {
        ensureNew(collection(DOCS, 2, Metric.L2));
        upsert(DOCS,
                item("red-1", Map.of("color", MetadataValue.of("red"), "size", MetadataValue.of(1)), 0, 1),
                item("red-2", Map.of("color", MetadataValue.of("red"), "size", MetadataValue.of(2)), 0, 2),
                item("blue-1", Map.of("color", MetadataValue.of("blue"), "size", MetadataValue.of(1)), 0, 3),
                item("green-1", Map.of("color", MetadataValue.of("green"), "size", MetadataValue.of(1)), 0, 4),
                item("plain", 0, 5));
        Embedding origin = Embedding.of(0, 0);

        assertEquals(List.of("red-1", "red-2"), ids(search(DOCS, SearchQuery.nearest(origin, 10)
                .withFilter(MetadataFilter.equal("color", MetadataValue.of("red"))))));
        assertEquals(List.of("red-1", "blue-1"), ids(search(DOCS, SearchQuery.nearest(origin, 10)
                .withFilter(new MetadataFilter(Map.of(
                        "color", Set.of(MetadataValue.of("red"), MetadataValue.of("blue")),
                        "size", Set.of(MetadataValue.of(new BigDecimal("1.0")))))))));
        assertEquals(List.of(), ids(search(DOCS, SearchQuery.nearest(origin, 10)
                .withFilter(MetadataFilter.equal("color", MetadataValue.of("purple"))))));
        assertEquals(List.of(), ids(search(DOCS, SearchQuery.nearest(origin, 10)
                .withFilter(MetadataFilter.equal("size", MetadataValue.of("1"))))), "text \"1\" is not the number 1");
    }

    @Test
    void minScoreDropsWeakerHits() {
        ensureNew(collection(DOCS, 2, Metric.COSINE));
        upsert(DOCS, item("x", 1, 0), item("y", 0, 1), item("diagonal", 1, 1));
        assertEquals(List.of("x", "diagonal"),
                ids(search(DOCS, SearchQuery.nearest(Embedding.of(1, 0), 10).withMinScore(0.5))));
    }

    @Test
    void hitsCarryMetadataAndContentAndTheirVectorOnlyWhenAsked() {
        ensureNew(collection(DOCS, 2, Metric.L2));
        VectorItem stored = new VectorItem(new VectorId("a"), Embedding.of(1, 2),
                Metadata.of(Map.of("k", MetadataValue.of("v"))), Optional.of("text"));
        upsert(DOCS, stored);

        SearchHit without = search(DOCS, SearchQuery.nearest(Embedding.of(0, 0), 1)).get(0);
        assertEquals(stored.metadata(), without.metadata());
        assertEquals(Optional.of("text"), without.content());
        assertTrue(without.vector().isEmpty());

        SearchHit with = search(DOCS, SearchQuery.nearest(Embedding.of(0, 0), 1).withVectors()).get(0);
        assertEquals(Optional.of(stored.vector()), with.vector());
    }

    @Test
    void aQueryOfTheWrongDimensionIsRefused() {
        ensureNew(collection(DOCS, 3, Metric.L2));
        InvalidInputException error = assertThrows(InvalidInputException.class,
                () -> search(DOCS, SearchQuery.nearest(Embedding.of(1, 2), 1)));
        assertEquals("vector", error.field());
        assertEquals("vectors.dimension_mismatch", error.code());
    }

    @Test
    void tenantsNeverSeeEachOthersCollectionsOrItems() {
        TenantId other = newTenant();
        assertTenantCannotReach(tenant, other, new ResourceName("shared-name"));
        assertTenantCannotReach(other, tenant, new ResourceName("shared-name-2"));
    }

    private void assertTenantCannotReach(TenantId owner, TenantId intruder, ResourceName name) {
        runAs(owner, () -> {
            index.ensureCollection(collection(name, 2, Metric.L2));
            index.upsert(name, List.of(item("secret", 1, 1)));
        });
        runAs(intruder, () -> {
            assertTrue(index.findCollection(name).isEmpty());
            assertTrue(index.listCollections(Optional.empty(), 500).stream()
                    .noneMatch(info -> info.settings().name().equals(name)));
            assertTrue(index.get(name, new VectorId("secret")).isEmpty());
            assertFalse(index.delete(name, new VectorId("secret")));
            assertThrows(NotFoundException.class, () -> index.upsert(name, List.of(item("x", 1, 1))));
            assertThrows(NotFoundException.class,
                    () -> index.search(name, SearchQuery.nearest(Embedding.of(1, 1), 1)));
            assertFalse(index.deleteCollection(name));
            EnsureCollectionResult own = index.ensureCollection(collection(name, 5, Metric.COSINE));
            assertInstanceOf(EnsureCollectionResult.Created.class, own, "the name is free in this tenant");
            assertTrue(index.search(name, SearchQuery.nearest(Embedding.of(1, 1, 1, 1, 1), 10)).isEmpty());
        });
        runAs(owner, () -> {
            CollectionInfo info = index.findCollection(name).orElseThrow();
            assertEquals(2, info.settings().dimension());
            assertEquals(1, info.count());
            assertEquals(List.of("secret"), ids(index.search(name, SearchQuery.nearest(Embedding.of(1, 1), 10))));
        });
    }

    @Test
    void refusesToWorkOutsideATenantContext() {
        assertThrows(IllegalStateException.class, () -> index.findCollection(DOCS));
    }
}

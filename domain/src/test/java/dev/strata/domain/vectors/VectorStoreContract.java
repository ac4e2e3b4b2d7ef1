package dev.strata.domain.vectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.domain.shared.ContractSupport;
import dev.strata.domain.shared.InvalidInputException;
import dev.strata.domain.shared.NotFoundException;
import dev.strata.domain.shared.Quota;
import dev.strata.domain.shared.ResourceName;
import dev.strata.domain.shared.TenantId;
import dev.strata.domain.vectors.MetadataFilter.Condition;
import dev.strata.domain.vectors.MetadataFilter.Operator;
import dev.strata.domain.vectors.port.VectorCollections;
import dev.strata.domain.vectors.port.VectorStore;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract test of {@link VectorStore} (with the {@link VectorCollections} it belongs to): the in-memory fake
 * and the Postgres (pgvector) adapter extend it. Collections are tiny, so approximate indexes still find the
 * exact answer.
 */
public abstract class VectorStoreContract extends ContractSupport {
    /** Tolerance for scores and distances (stores may compute in single precision). */
    protected static final double TOLERANCE = 1e-4;
    protected static final ResourceName DOCS = new ResourceName("docs");
    private static final Quota PLENTY = new Quota("collections", 1000);

    protected VectorCollections collections;
    protected VectorStore store;
    protected TenantId tenant;

    /** Hook: the collections the store works on; called before each test, before {@link #createStore}. */
    protected abstract VectorCollections createCollections();

    /** Hook: the store under test, over {@link #createCollections()}'s collections. */
    protected abstract VectorStore createStore();

    @BeforeEach
    void createSubjects() {
        collections = createCollections();
        store = createStore();
        tenant = newTenant();
    }

    protected static VectorItem item(String id, float... vector) {
        return VectorItem.of(new VectorId(id), Embedding.of(vector));
    }

    protected static VectorItem item(String id, Map<String, MetadataValue> metadata, float... vector) {
        return new VectorItem(new VectorId(id), Embedding.of(vector), Metadata.of(metadata), Optional.empty());
    }

    protected static VectorItem item(String id, String content, float... vector) {
        return new VectorItem(new VectorId(id), Embedding.of(vector), Metadata.EMPTY, Optional.of(content));
    }

    private CollectionInfo define(CollectionDefinition definition) {
        DefineCollectionResult result = as(tenant, () -> collections.define(definition, PLENTY));
        assertInstanceOf(DefineCollectionResult.Created.class, result);
        return result.collection();
    }

    private CollectionInfo define(int dimension, Metric metric) {
        return define(CollectionDefinition.of(DOCS, dimension, metric));
    }

    private WriteResult upsert(VectorItem... items) {
        return as(tenant, () -> store.upsert(DOCS, List.of(items)));
    }

    private List<SearchHit> search(SearchQuery query) {
        return as(tenant, () -> store.search(DOCS, query)).hits();
    }

    private CollectionInfo info() {
        return as(tenant, () -> collections.find(DOCS)).orElseThrow();
    }

    private static List<String> ids(List<SearchHit> hits) {
        return hits.stream().map(hit -> hit.id().value()).toList();
    }

    private Optional<VectorItem> get(String id) {
        return as(tenant, () -> store.get(DOCS, new VectorId(id)));
    }

    @Test
    void storesItemsExactlyAndCountsThem() {
        define(3, Metric.COSINE);
        VectorItem full = new VectorItem(new VectorId("doc/1 ✓ '\" " + "x".repeat(200)), Embedding.of(0.25f, -1.5f, 3e-7f),
                Metadata.of(Map.of("lang", MetadataValue.of("de \"quoted\" \\ ✓"), "year", MetadataValue.of(2024),
                        "score", MetadataValue.of(new BigDecimal("0.75")), "public", MetadataValue.of(true),
                        "big", MetadataValue.of(new BigDecimal("1E+30")))),
                Optional.of("Grüße aus Köln"));
        VectorItem bare = item("doc-2", 1, 2, 3);
        assertEquals(2, upsert(full, bare).count());

        assertEquals(full, get(full.id().value()).orElseThrow());
        assertEquals(bare, get("doc-2").orElseThrow());
        assertTrue(get("doc-3").isEmpty());
        assertEquals(2, as(tenant, () -> store.count(DOCS)));
        assertEquals(2, info().count());
    }

    @Test
    void halfPrecisionStorageKeepsRepresentableValues() {
        define(CollectionDefinition.of(DOCS, 2001, Metric.L2));
        float[] values = new float[2001];
        for (int i = 0; i < values.length; i++) {
            values[i] = (i % 7) * 0.5f - 1;
        }
        VectorItem wide = VectorItem.of(new VectorId("wide"), Embedding.of(values));
        upsert(wide);
        assertEquals(wide, get("wide").orElseThrow());
        List<SearchHit> hits = search(SearchQuery.nearest(Embedding.of(values), 1));
        assertEquals(List.of("wide"), ids(hits));
        assertEquals(0, hits.get(0).distance().getAsDouble(), TOLERANCE);
        InvalidInputException tooLarge = assertThrows(InvalidInputException.class, () -> {
            float[] large = values.clone();
            large[3] = 70_000f;
            upsert(VectorItem.of(new VectorId("large"), Embedding.of(large)));
        });
        assertEquals("items[0].vector", tooLarge.field());
    }

    @Test
    void upsertReplacesAnItemWithTheSameId() {
        define(2, Metric.L2);
        upsert(item("a", 1, 1), item("b", 2, 2));
        VectorItem replacement = new VectorItem(new VectorId("a"), Embedding.of(5, 5),
                Metadata.of(Map.of("v", MetadataValue.of(2))), Optional.of("new"));
        assertEquals(1, upsert(replacement).count());
        assertEquals(replacement, get("a").orElseThrow());
        assertEquals(2, info().count());
        assertEquals(2, as(tenant, () -> store.count(DOCS)));
    }

    @Test
    void aBadItemStoresNothingOfTheRequestAndIsNamed() {
        define(3, Metric.L2);
        upsert(item("kept", 1, 1, 1));
        long version = info().version();
        InvalidInputException error = assertThrows(InvalidInputException.class,
                () -> upsert(item("good", 1, 2, 3), item("kept", 9, 9, 9), item("bad", 1, 2)));
        assertEquals("items[2].vector", error.field());
        assertEquals("vectors.dimension_mismatch", error.code());
        assertTrue(get("good").isEmpty());
        assertEquals(item("kept", 1, 1, 1), get("kept").orElseThrow());
        assertEquals(1, info().count());
        assertEquals(version, info().version());
    }

    @Test
    void aBatchIsAtMostOneThousandItems() {
        define(1, Metric.L2);
        List<VectorItem> items = new ArrayList<>();
        for (int i = 0; i <= VectorStore.MAX_BATCH; i++) {
            items.add(item("i" + i, i));
        }
        assertEquals("items", assertThrows(InvalidInputException.class,
                () -> as(tenant, () -> store.upsert(DOCS, items))).field());
        assertEquals(0, info().count());
        assertEquals(VectorStore.MAX_BATCH, as(tenant, () -> store.upsert(DOCS, items.subList(0, VectorStore.MAX_BATCH))).count());
        assertEquals(VectorStore.MAX_BATCH, info().count());
    }

    @Test
    void aZeroVectorIsRefusedByACosineCollection() {
        define(2, Metric.COSINE);
        InvalidInputException error = assertThrows(InvalidInputException.class, () -> upsert(item("zero", 0, 0)));
        assertEquals("items[0].vector", error.field());
        assertTrue(get("zero").isEmpty());
    }

    @Test
    void everyWriteThatChangesTheCollectionGrowsItsVersionAndAnswersIt() {
        long created = define(2, Metric.L2).version();
        WriteResult upserted = upsert(item("a", 1, 1), item("b", 2, 2),
                item("c", Map.of("tag", MetadataValue.of("x")), 3, 3));
        assertEquals(3, upserted.count());
        assertTrue(upserted.version() > created);
        assertEquals(upserted.version(), info().version());

        WriteResult deleted = as(tenant, () -> store.delete(DOCS, new VectorId("a")));
        assertEquals(1, deleted.count());
        assertTrue(deleted.version() > upserted.version());
        assertEquals(deleted.version(), info().version());

        WriteResult nothing = as(tenant, () -> store.delete(DOCS, new VectorId("a")));
        assertEquals(new WriteResult(0, deleted.version()), nothing, "deleting nothing changes nothing");

        WriteResult filtered = as(tenant, () -> store.deleteWhere(DOCS, MetadataFilter.equal("tag", MetadataValue.of("x"))));
        assertEquals(1, filtered.count());
        assertTrue(filtered.version() > deleted.version());
        assertEquals(filtered.version(), info().version());
        assertEquals(filtered.version(), as(tenant, () -> store.search(DOCS, SearchQuery.nearest(Embedding.of(0, 0), 1))).version());

        WriteResult replaced = upsert(item("b", 2, 2));
        assertTrue(replaced.version() > filtered.version(), "a replacement is a write too");
        assertEquals(List.of("b"), ids(search(SearchQuery.nearest(Embedding.of(0, 0), 10))));
    }

    @Test
    void deletingAnItemRemovesItOnce() {
        define(2, Metric.L2);
        upsert(item("a", 1, 1), item("b", 2, 2));
        assertEquals(1, as(tenant, () -> store.delete(DOCS, new VectorId("a"))).count());
        assertEquals(0, as(tenant, () -> store.delete(DOCS, new VectorId("a"))).count());
        assertTrue(get("a").isEmpty());
        assertEquals(1, info().count());
        assertEquals(List.of("b"), ids(search(SearchQuery.nearest(Embedding.of(1, 1), 10))));
    }

    @Test
    void deleteWhereRemovesExactlyTheMatchingItemsAndNeedsAFilter() {
        define(2, Metric.L2);
        upsert(item("old-1", Map.of("year", MetadataValue.of(2001)), 1, 1),
                item("old-2", Map.of("year", MetadataValue.of(2005)), 1, 2),
                item("new", Map.of("year", MetadataValue.of(2024)), 1, 3),
                item("none", 1, 4));
        WriteResult result = as(tenant, () -> store.deleteWhere(DOCS,
                MetadataFilter.of(new Condition("year", Operator.LT, List.of(MetadataValue.of(2010))))));
        assertEquals(2, result.count());
        assertEquals(List.of("new", "none"), ids(search(SearchQuery.nearest(Embedding.of(1, 3), 10))));
        assertEquals(2, info().count());
        assertEquals("filter", assertThrows(InvalidInputException.class,
                () -> as(tenant, () -> store.deleteWhere(DOCS, MetadataFilter.NONE))).field());
    }

    @Test
    void anUnknownCollectionCannotBeReadOrWritten() {
        ResourceName missing = new ResourceName("missing");
        runAs(tenant, () -> {
            assertThrows(NotFoundException.class, () -> store.upsert(missing, List.of(item("a", 1, 0))));
            assertThrows(NotFoundException.class, () -> store.get(missing, new VectorId("a")));
            assertThrows(NotFoundException.class, () -> store.delete(missing, new VectorId("a")));
            assertThrows(NotFoundException.class, () -> store.deleteWhere(missing, MetadataFilter.equal("a", MetadataValue.of(1))));
            assertThrows(NotFoundException.class, () -> store.search(missing, SearchQuery.nearest(Embedding.of(1, 0), 1)));
            assertThrows(NotFoundException.class, () -> store.count(missing));
            NotFoundException error = assertThrows(NotFoundException.class, () -> store.prewarm(missing));
            assertEquals("vectors.collection_not_found", error.code());
        });
    }

    @Test
    void aDeletedCollectionTakesItsItemsWith() {
        define(2, Metric.L2);
        upsert(item("a", 1, 1));
        assertTrue(as(tenant, () -> collections.delete(DOCS)));
        assertThrows(NotFoundException.class, () -> get("a"));
        define(2, Metric.L2);
        assertTrue(get("a").isEmpty());
        assertEquals(0, as(tenant, () -> store.count(DOCS)));
    }

    @Test
    void cosineSearchScoresOneMinusDistanceHighestFirst() {
        define(2, Metric.COSINE);
        upsert(item("same", 2, 0), item("orthogonal", 0, 3), item("opposite", -1, 0), item("diagonal", 1, 1));
        List<SearchHit> hits = search(SearchQuery.nearest(Embedding.of(1, 0), 4));
        assertEquals(List.of("same", "diagonal", "orthogonal", "opposite"), ids(hits));
        assertEquals(1.0, hits.get(0).score(), TOLERANCE);
        assertEquals(0.0, hits.get(0).distance().getAsDouble(), TOLERANCE);
        assertEquals(Math.sqrt(0.5), hits.get(1).score(), TOLERANCE);
        assertEquals(-1.0, hits.get(3).score(), TOLERANCE);
        assertEquals(2.0, hits.get(3).distance().getAsDouble(), TOLERANCE);
    }

    @Test
    void l2SearchScoresMinusDistance() {
        define(2, Metric.L2);
        upsert(item("near", 3, 4), item("far", 6, 8), item("origin", 0, 0));
        List<SearchHit> hits = search(SearchQuery.nearest(Embedding.of(0, 0), 3));
        assertEquals(List.of("origin", "near", "far"), ids(hits));
        assertEquals(-5, hits.get(1).score(), TOLERANCE);
        assertEquals(5, hits.get(1).distance().getAsDouble(), TOLERANCE);
    }

    @Test
    void innerProductSearchScoresTheProduct() {
        define(2, Metric.INNER_PRODUCT);
        upsert(item("big", 2, 2), item("small", 1, 0), item("negative", -1, -1));
        List<SearchHit> hits = search(SearchQuery.nearest(Embedding.of(1, 1), 3));
        assertEquals(List.of("big", "small", "negative"), ids(hits));
        assertEquals(4, hits.get(0).score(), TOLERANCE);
        assertEquals(-4, hits.get(0).distance().getAsDouble(), TOLERANCE);
        assertEquals(-2, hits.get(2).score(), TOLERANCE);
    }

    @Test
    void everyIndexTypeFindsTheNearest() {
        for (IndexSettings index : List.of(IndexSettings.defaults(), new IndexSettings.IvfFlat(2), IndexSettings.none())) {
            ResourceName name = new ResourceName("idx-" + index.type());
            runAs(tenant, () -> {
                collections.define(new CollectionDefinition(name, 2, Metric.L2, index), PLENTY);
                store.upsert(name, List.of(item("a", 0, 1), item("b", 0, 2), item("c", 0, 3)));
                SearchQuery query = SearchQuery.nearest(Embedding.of(0, 2.1f), 2).withEfSearch(10).withProbes(2);
                assertEquals(List.of("b", "c"), ids(store.search(name, query).hits()), index.type());
            });
        }
    }

    @Test
    void searchReturnsAtMostKHits() {
        define(1, Metric.L2);
        for (int i = 0; i < 12; i++) {
            upsert(item("i" + i, i));
        }
        assertEquals(List.of("i0", "i1", "i2", "i3", "i4"), ids(search(SearchQuery.nearest(Embedding.of(0), 5))));
    }

    @Test
    void filterOperatorsEachKeepTheirItems() {
        define(2, Metric.L2);
        upsert(item("red-1", Map.of("color", MetadataValue.of("red"), "size", MetadataValue.of(1)), 0, 1),
                item("red-2", Map.of("color", MetadataValue.of("red"), "size", MetadataValue.of(new BigDecimal("2.5"))), 0, 2),
                item("blue-1", Map.of("color", MetadataValue.of("blue"), "size", MetadataValue.of(1)), 0, 3),
                item("green-10", Map.of("color", MetadataValue.of("green"), "size", MetadataValue.of(10)), 0, 4),
                item("text-size", Map.of("color", MetadataValue.of("Red"), "size", MetadataValue.of("1"),
                        "flag", MetadataValue.of(true)), 0, 5),
                item("plain", 0, 6));
        assertFiltered(List.of("red-1", "red-2"), Map.of("color", "red"));
        assertFiltered(List.of("red-1", "blue-1"), Map.of("size", 1));
        assertFiltered(List.of("text-size"), Map.of("size", "1"));
        assertFiltered(List.of("text-size"), Map.of("flag", true));
        assertFiltered(List.of("red-1", "blue-1"), Map.of("size", new BigDecimal("1.00")));
        assertFiltered(List.of("blue-1", "green-10", "text-size", "plain"), Map.of("color", Map.of("$ne", "red")));
        assertFiltered(List.of("red-1", "red-2", "blue-1"), Map.of("color", Map.of("$in", List.of("red", "blue", "black"))));
        assertFiltered(List.of("red-2", "green-10"), Map.of("size", Map.of("$gt", 1)));
        assertFiltered(List.of("red-1", "red-2", "blue-1", "green-10"), Map.of("size", Map.of("$gte", 1)));
        assertFiltered(List.of("red-1", "blue-1"), Map.of("size", Map.of("$lt", 2.5)));
        assertFiltered(List.of("red-1", "red-2", "blue-1"), Map.of("size", Map.of("$lte", 2.5)));
        assertFiltered(List.of("red-2"), Map.of("size", Map.of("$gt", 1, "$lt", 10)));
        assertFiltered(List.of("blue-1", "green-10"), Map.of("color", Map.of("$gte", "blue", "$lt", "red")),
                "text compares by code point: 'Red' sorts before 'blue'");
        assertFiltered(List.of("green-10"), Map.of("color", Map.of("$gt", "blue"), "size", Map.of("$gte", 3)));
        assertFiltered(List.of("red-2"), Map.of("color", "red", "size", Map.of("$ne", 1)));
        assertFiltered(List.of(), Map.of("color", "purple"));
        assertFiltered(List.of(), Map.of("missing", Map.of("$gt", 0)));
    }

    private void assertFiltered(List<String> expected, Map<String, Object> filter) {
        assertFiltered(expected, filter, filter.toString());
    }

    private void assertFiltered(List<String> expected, Map<String, Object> filter, String message) {
        SearchQuery query = SearchQuery.nearest(Embedding.of(0, 0), 10).withFilter(MetadataFilter.parse(filter));
        assertEquals(expected, ids(search(query)), message);
    }

    @Test
    void minScoreDropsWeakerHits() {
        define(2, Metric.COSINE);
        upsert(item("x", 1, 0), item("y", 0, 1), item("diagonal", 1, 1));
        assertEquals(List.of("x", "diagonal"), ids(search(SearchQuery.nearest(Embedding.of(1, 0), 10).withMinScore(0.5))));
    }

    @Test
    void hitsCarryWhatTheQueryIncludes() {
        define(2, Metric.L2);
        VectorItem stored = new VectorItem(new VectorId("a"), Embedding.of(1, 2),
                Metadata.of(Map.of("k", MetadataValue.of("v"))), Optional.of("text"));
        upsert(stored);

        SearchHit defaults = search(SearchQuery.nearest(Embedding.of(0, 0), 1)).get(0);
        assertEquals(Optional.of(stored.metadata()), defaults.metadata());
        assertTrue(defaults.content().isEmpty());
        assertTrue(defaults.vector().isEmpty());

        SearchHit everything = search(SearchQuery.nearest(Embedding.of(0, 0), 1)
                .including(Set.of(Include.METADATA, Include.CONTENT, Include.VECTOR))).get(0);
        assertEquals(Optional.of(stored.metadata()), everything.metadata());
        assertEquals(Optional.of("text"), everything.content());
        assertEquals(Optional.of(stored.vector()), everything.vector());

        SearchHit bare = search(SearchQuery.nearest(Embedding.of(0, 0), 1).including(Set.of())).get(0);
        assertTrue(bare.metadata().isEmpty() && bare.content().isEmpty() && bare.vector().isEmpty());
    }

    @Test
    void aQueryOfTheWrongDimensionIsRefused() {
        define(3, Metric.L2);
        InvalidInputException error = assertThrows(InvalidInputException.class,
                () -> search(SearchQuery.nearest(Embedding.of(1, 2), 1)));
        assertEquals("vector", error.field());
        assertEquals("vectors.dimension_mismatch", error.code());
    }

    @Test
    void textSearchFindsItemsHoldingEveryWord() {
        define(2, Metric.L2);
        upsert(item("pie", "Red apple pie with cinnamon", 0, 1),
                item("apple", "A green apple", 0, 2),
                item("sky", "The blue sky", 0, 3),
                item("silent", 0, 4));
        assertEquals(Set.of("pie", "apple"), Set.copyOf(ids(search(SearchQuery.text("apple", 10)))));
        List<SearchHit> pie = search(SearchQuery.text("apple pie", 10));
        assertEquals(List.of("pie"), ids(pie));
        assertTrue(pie.get(0).score() > 0);
        assertTrue(pie.get(0).distance().isEmpty());
        assertEquals(List.of(), ids(search(SearchQuery.text("banana", 10))));
        List<SearchHit> filtered = search(SearchQuery.text("apple", 10)
                .withFilter(MetadataFilter.parse(Map.of("missing", Map.of("$ne", 1)))).including(Set.of(Include.CONTENT)));
        assertEquals(Set.of("pie", "apple"), Set.copyOf(ids(filtered)));
        assertTrue(filtered.stream().allMatch(hit -> hit.content().orElseThrow().contains("apple")));
        assertEquals(List.of(), ids(search(SearchQuery.text("apple", 10)
                .withFilter(MetadataFilter.parse(Map.of("missing", 1))))));
    }

    @Test
    void hybridSearchFindsBothTheLexicalAndTheSemanticBestMatch() {
        define(2, Metric.L2);
        List<VectorItem> items = new ArrayList<>();
        items.add(item("semantic", "cooking recipes for the weekend", 10, 10));
        items.add(item("lexical", "quantum chromodynamics lecture notes", -50, -50));
        for (int i = 0; i < 30; i++) {
            items.add(item("filler-" + i, "ordinary filler text number " + i, 10 + i + 1, 10));
        }
        as(tenant, () -> store.upsert(DOCS, items));
        SearchQuery hybrid = SearchQuery.hybrid(Embedding.of(10, 10), "quantum chromodynamics", 5);

        List<SearchHit> hits = search(hybrid);
        assertEquals(5, hits.size());
        assertTrue(ids(hits).containsAll(List.of("semantic", "lexical")), ids(hits).toString());
        assertEquals("lexical", hits.get(0).id().value(), "first in the text ranking and ranked in the vector one");
        assertEquals(1.0 / 61, hits.get(1).score(), 1e-9, "reciprocal rank fusion with k = 60");
        assertEquals(0, hits.get(1).distance().getAsDouble(), TOLERANCE);
        assertTrue(!ids(search(SearchQuery.nearest(Embedding.of(10, 10), 5))).contains("lexical"),
                "vector search alone misses the lexical match");
        assertEquals(List.of("lexical"), ids(search(SearchQuery.text("quantum chromodynamics", 5))),
                "text search alone misses the semantic match");
        assertEquals(List.of("lexical", "semantic"), ids(search(hybrid.withMinScore(1.0 / 61))));
    }

    @Test
    void tenantsNeverSeeEachOthersItems() {
        TenantId other = newTenant();
        assertTenantCannotReach(tenant, other, new ResourceName("shared-name"));
        assertTenantCannotReach(other, tenant, new ResourceName("shared-name-2"));
    }

    private void assertTenantCannotReach(TenantId owner, TenantId intruder, ResourceName name) {
        runAs(owner, () -> {
            collections.define(CollectionDefinition.of(name, 2, Metric.L2), PLENTY);
            store.upsert(name, List.of(new VectorItem(new VectorId("secret"), Embedding.of(1, 1),
                    Metadata.of(Map.of("k", MetadataValue.of(1))), Optional.of("secret words"))));
        });
        runAs(intruder, () -> {
            assertThrows(NotFoundException.class, () -> store.get(name, new VectorId("secret")));
            assertThrows(NotFoundException.class, () -> store.delete(name, new VectorId("secret")));
            assertThrows(NotFoundException.class, () -> store.upsert(name, List.of(item("x", 1, 1))));
            assertThrows(NotFoundException.class, () -> store.search(name, SearchQuery.nearest(Embedding.of(1, 1), 1)));
            assertThrows(NotFoundException.class, () -> store.deleteWhere(name, MetadataFilter.equal("k", MetadataValue.of(1))));
            collections.define(CollectionDefinition.of(name, 2, Metric.L2), PLENTY);
            assertTrue(store.search(name, SearchQuery.nearest(Embedding.of(1, 1), 10)).hits().isEmpty());
            assertTrue(store.search(name, SearchQuery.text("secret", 10)).hits().isEmpty());
            assertTrue(store.get(name, new VectorId("secret")).isEmpty());
            assertEquals(0, store.deleteWhere(name, MetadataFilter.equal("k", MetadataValue.of(1))).count());
            assertEquals(0, store.count(name));
        });
        runAs(owner, () -> {
            assertEquals(1, store.count(name));
            assertEquals(List.of("secret"), ids(store.search(name, SearchQuery.nearest(Embedding.of(1, 1), 10)).hits()));
            assertTrue(store.get(name, new VectorId("secret")).isPresent());
        });
    }

    @Test
    void prewarmingAKnownCollectionIsHarmless() {
        define(2, Metric.L2);
        upsert(item("a", 1, 1));
        as(tenant, () -> store.prewarm(DOCS));
        assertEquals(1, as(tenant, () -> store.count(DOCS)));
    }

    @Test
    void refusesToWorkOutsideATenantContext() {
        assertThrows(IllegalStateException.class, () -> store.count(DOCS));
    }
}

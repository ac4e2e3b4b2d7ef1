package dev.strata.domain.vectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.domain.shared.InvalidInputException;
import dev.strata.domain.shared.ResourceName;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VectorValuesTest {
    private static final ResourceName NAME = new ResourceName("docs");

    @Test
    void embeddingsRefuseNaNAndInfinityNamingTheField() {
        for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
            InvalidInputException error = assertThrows(InvalidInputException.class,
                    () -> Embedding.of("items[2].vector", new float[] {1, bad}));
            assertEquals("items[2].vector", error.field());
            assertTrue(error.getMessage().contains("items[2].vector[1]"));
        }
        assertEquals("vector", assertThrows(InvalidInputException.class, () -> Embedding.of(Float.NaN)).field());
    }

    @Test
    void embeddingsHaveOneTo16000Components() {
        assertThrows(InvalidInputException.class, () -> Embedding.of(new float[0]));
        assertThrows(InvalidInputException.class, () -> new Embedding(null));
        assertThrows(InvalidInputException.class, () -> Embedding.of(new float[Embedding.MAX_DIMENSION + 1]));
        assertEquals(Embedding.MAX_DIMENSION, Embedding.of(new float[Embedding.MAX_DIMENSION]).dimension());
    }

    @Test
    void embeddingsAreCopiedInAndOut() {
        float[] values = {1, 2};
        Embedding embedding = Embedding.of(values);
        values[0] = 9;
        embedding.values()[1] = 9;
        assertEquals(Embedding.of(1, 2), embedding);
        assertTrue(Embedding.of(0, 0).isZero());
        assertFalse(embedding.isZero());
    }

    @Test
    void collectionDimensionsAreBoundedAndHalfPrecisionAbove2000() {
        assertEquals("dimension", assertThrows(InvalidInputException.class,
                () -> new CollectionDefinition(NAME, 0, Metric.L2, IndexSettings.defaults())).field());
        assertEquals("dimension", assertThrows(InvalidInputException.class,
                () -> new CollectionDefinition(NAME, Embedding.MAX_DIMENSION + 1, Metric.L2, IndexSettings.none())).field());
        assertEquals("dimension", assertThrows(InvalidInputException.class,
                () -> new CollectionDefinition(NAME, 4001, Metric.L2, IndexSettings.defaults())).field());
        assertEquals("dimension", assertThrows(InvalidInputException.class,
                () -> new CollectionDefinition(NAME, 4001, Metric.L2, new IndexSettings.IvfFlat(10))).field());
        assertEquals("metric", assertThrows(InvalidInputException.class,
                () -> new CollectionDefinition(NAME, 3, null, IndexSettings.defaults())).field());
        assertEquals(StorageType.VECTOR, new CollectionDefinition(NAME, 2000, Metric.L2, IndexSettings.defaults()).storage());
        assertEquals(StorageType.HALFVEC, new CollectionDefinition(NAME, 2001, Metric.L2, IndexSettings.defaults()).storage());
        assertEquals(StorageType.HALFVEC, new CollectionDefinition(NAME, 4000, Metric.L2, new IndexSettings.IvfFlat(5)).storage());
        assertEquals(StorageType.HALFVEC, new CollectionDefinition(NAME, Embedding.MAX_DIMENSION, Metric.L2, IndexSettings.none()).storage());
    }

    @Test
    void halfPrecisionCollectionsRefuseComponentsOutOfRange() {
        CollectionDefinition wide = new CollectionDefinition(NAME, 2001, Metric.L2, IndexSettings.defaults());
        float[] values = new float[2001];
        values[0] = 1;
        values[7] = 65_505f;
        InvalidInputException error = assertThrows(InvalidInputException.class,
                () -> wide.checkItems(List.of(VectorItem.of(new VectorId("a"), Embedding.of(values)))));
        assertEquals("items[0].vector", error.field());
        assertTrue(error.getMessage().contains("items[0].vector[7]"));
        values[7] = 65_504f;
        wide.checkItems(List.of(VectorItem.of(new VectorId("a"), Embedding.of(values))));
    }

    @Test
    void ivfflatListsAreBounded() {
        assertEquals("index.lists", assertThrows(InvalidInputException.class, () -> new IndexSettings.IvfFlat(0)).field());
        assertThrows(InvalidInputException.class, () -> new IndexSettings.IvfFlat(32_769));
        assertEquals("ivfflat", new IndexSettings.IvfFlat(32_768).type());
    }

    @Test
    void hnswSettingsAreBoundedAsPgvectorBoundsThem() {
        assertEquals("index.m", assertThrows(InvalidInputException.class, () -> new IndexSettings.Hnsw(1, 64)).field());
        assertThrows(InvalidInputException.class, () -> new IndexSettings.Hnsw(101, 1000));
        assertEquals("index.efConstruction",
                assertThrows(InvalidInputException.class, () -> new IndexSettings.Hnsw(16, 31)).field());
        assertThrows(InvalidInputException.class, () -> new IndexSettings.Hnsw(16, 1001));
        assertEquals(new IndexSettings.Hnsw(16, 64), IndexSettings.defaults());
        assertEquals("hnsw", IndexSettings.defaults().type());
        assertEquals("none", IndexSettings.none().type());
    }

    @Test
    void checkItemsNamesTheItemAtFault() {
        CollectionDefinition collection = new CollectionDefinition(NAME, 2, Metric.COSINE, IndexSettings.defaults());
        VectorItem good = VectorItem.of(new VectorId("a"), Embedding.of(1, 0));
        InvalidInputException wrongDimension = assertThrows(InvalidInputException.class,
                () -> collection.checkItems(List.of(good, VectorItem.of(new VectorId("b"), Embedding.of(1, 2, 3)))));
        assertEquals("items[1].vector", wrongDimension.field());
        assertEquals("vectors.dimension_mismatch", wrongDimension.code());
        assertEquals("items[0].vector", assertThrows(InvalidInputException.class,
                () -> collection.checkItems(List.of(VectorItem.of(new VectorId("z"), Embedding.of(0, 0))))).field());
        assertEquals("items[1].id", assertThrows(InvalidInputException.class,
                () -> collection.checkItems(List.of(good, good))).field());
        collection.checkItems(List.of(good));
        new CollectionDefinition(NAME, 2, Metric.L2, IndexSettings.none())
                .checkItems(List.of(VectorItem.of(new VectorId("z"), Embedding.of(0, 0))));
    }

    @Test
    void vectorIdsAreOneTo256Characters() {
        new VectorId("x".repeat(256));
        new VectorId("doc/1 ✓");
        assertEquals("id", assertThrows(InvalidInputException.class, () -> new VectorId("")).field());
        assertThrows(InvalidInputException.class, () -> new VectorId("x".repeat(257)));
        assertThrows(InvalidInputException.class, () -> new VectorId("new\nline"));
        assertEquals("items[4].id", assertThrows(InvalidInputException.class, () -> VectorId.of("items[4].id", "")).field());
    }

    @Test
    void metricsParseTheirWireNamesAndScoreHigherForCloser() {
        assertEquals(Metric.INNER_PRODUCT, Metric.fromWire("metric", "inner_product"));
        assertEquals(Metric.COSINE, Metric.fromWire("metric", "cosine"));
        assertEquals("metric", assertThrows(InvalidInputException.class, () -> Metric.fromWire("metric", "dot")).field());
        assertEquals(5, Metric.L2.distance(Embedding.of(0, 0), Embedding.of(3, 4)), 1e-9);
        assertEquals(-5, Metric.L2.score(5), 1e-9);
        assertEquals(1, Metric.COSINE.distance(Embedding.of(1, 0), Embedding.of(0, 1)), 1e-9);
        assertEquals(1, Metric.COSINE.score(0), 1e-9);
        assertEquals(-11, Metric.INNER_PRODUCT.distance(Embedding.of(1, 2), Embedding.of(3, 4)), 1e-9);
        assertEquals(11, Metric.INNER_PRODUCT.score(-11), 1e-9);
    }

    @Test
    void numbersInMetadataCompareAsJsonDoes() {
        assertEquals(MetadataValue.of(1), MetadataValue.of(new BigDecimal("1.00")));
        assertEquals(MetadataValue.of(0), MetadataValue.of(new BigDecimal("0.000")));
        assertEquals(MetadataValue.of(100), MetadataValue.of(new BigDecimal("1E+2")));
        assertFalse(MetadataValue.of(1).equals(MetadataValue.of("1")));
        assertFalse(MetadataValue.of(true).equals(MetadataValue.of("true")));
    }

    @Test
    void metadataIsFlatBoundedAndCopied() {
        Map<String, MetadataValue> fields = new HashMap<>();
        fields.put("lang", MetadataValue.of("de"));
        Metadata metadata = Metadata.of(fields);
        fields.put("late", MetadataValue.of(1));
        assertEquals(Set.of("lang"), metadata.fields().keySet());
        assertThrows(InvalidInputException.class, () -> Metadata.of(Map.of("bad name", MetadataValue.of(1))));
        assertThrows(InvalidInputException.class, () -> MetadataValue.of("x".repeat(MetadataValue.MAX_TEXT_LENGTH + 1)));
        Map<String, MetadataValue> tooMany = new HashMap<>();
        for (int i = 0; i <= Metadata.MAX_FIELDS; i++) {
            tooMany.put("f" + i, MetadataValue.of(i));
        }
        assertEquals("metadata", assertThrows(InvalidInputException.class, () -> Metadata.of(tooMany)).field());
    }

    @Test
    void filtersMatchEveryConditionOfTheirFields() {
        Metadata red = Metadata.of(Map.of("color", MetadataValue.of("red"), "size", MetadataValue.of(1)));
        assertTrue(MetadataFilter.NONE.matches(red));
        assertTrue(MetadataFilter.parse(null).isEmpty());
        assertTrue(MetadataFilter.parse(Map.of()).isEmpty());
        assertTrue(MetadataFilter.equal("color", MetadataValue.of("red")).matches(red));
        assertTrue(MetadataFilter.parse(Map.of("color", Map.of("$in", List.of("blue", "red")), "size", 1)).matches(red));
        assertFalse(MetadataFilter.parse(Map.of("color", "red", "size", 2)).matches(red));
        assertFalse(MetadataFilter.equal("missing", MetadataValue.of("red")).matches(red));
        assertTrue(MetadataFilter.parse(Map.of("missing", Map.of("$ne", "red"))).matches(red), "$ne matches an absent field");
        assertFalse(MetadataFilter.parse(Map.of("color", Map.of("$ne", "red"))).matches(red));
        assertTrue(MetadataFilter.parse(Map.of("size", Map.of("$gte", 1, "$lt", 1.5))).matches(red));
        assertFalse(MetadataFilter.parse(Map.of("size", Map.of("$gt", 1))).matches(red));
        assertTrue(MetadataFilter.parse(Map.of("size", Map.of("$lte", new BigDecimal("1.0")))).matches(red));
        assertFalse(MetadataFilter.parse(Map.of("color", Map.of("$gt", 0))).matches(red), "text never compares with a number");
        assertTrue(MetadataFilter.parse(Map.of("color", Map.of("$gt", "Zebra"))).matches(red), "code point order: 'r' > 'Z'");
        assertTrue(MetadataFilter.parse(Map.of("color", Map.of("$eq", "red"))).matches(red));
    }

    @Test
    void filtersParseToConditions() {
        MetadataFilter filter = MetadataFilter.parse(Map.of("year", Map.of("$gte", 2020)));
        assertEquals(List.of(new MetadataFilter.Condition("year", MetadataFilter.Operator.GTE, List.of(MetadataValue.of(2020)))),
                filter.conditions());
        assertEquals(MetadataFilter.parse(Map.of("tag", Map.of("$in", List.of("a", "b", "a")))).conditions().get(0).values(),
                List.of(MetadataValue.of("a"), MetadataValue.of("b")), "$in values are a set");
        assertEquals(MetadataFilter.parse(Map.of("n", 1L)), MetadataFilter.parse(Map.of("n", new BigDecimal("1.0"))));
    }

    @Test
    void badFiltersAreRefusedNamingTheField() {
        assertRefused("filter", "not an object");
        assertRefused("filter", List.of("a"));
        for (String sqlFragment : List.of("a' OR '1'='1", "x); drop table vector_collections; --", "color->>0", "",
                "a b", "-lead", "$in", "x".repeat(65), "name\u0000")) {
            Map<String, Object> filter = new HashMap<>();
            filter.put(sqlFragment, 1);
            assertRefused("filter", filter);
        }
        assertRefused("filter.color", Map.of("color", Map.of("shade", "dark")));
        assertRefused("filter.color", Map.of("color", Map.of()));
        assertRefused("filter.color.$regex", Map.of("color", Map.of("$regex", ".*")));
        assertRefused("filter.color.$or", Map.of("color", Map.of("$or", List.of(1))));
        assertRefused("filter.color.$eq", Map.of("color", Map.of("$eq", Map.of("$in", List.of("a")))));
        assertRefused("filter.color.$in", Map.of("color", Map.of("$in", "red")));
        assertRefused("filter.color.$in", Map.of("color", Map.of("$in", List.of())));
        assertRefused("filter.color.$in", Map.of("color", Map.of("$in", List.of(Map.of("$ne", 1)))));
        assertRefused("filter.color", Map.of("color", List.of("red")));
        assertRefused("filter.flag.$gt", Map.of("flag", Map.of("$gt", true)));
        assertRefused("filter.size.$lt", Map.of("size", Map.of("$lt", Double.NaN)));
        Map<String, Object> withNull = new HashMap<>();
        withNull.put("color", null);
        assertRefused("filter.color", withNull);
        Map<String, Object> tooMany = new HashMap<>();
        for (int i = 0; i <= MetadataFilter.MAX_CONDITIONS; i++) {
            tooMany.put("f" + i, i);
        }
        assertRefused("filter", tooMany);
        List<Integer> values = new java.util.ArrayList<>();
        for (int i = 0; i <= MetadataFilter.MAX_VALUES; i++) {
            values.add(i);
        }
        assertRefused("filter.n.$in", Map.of("n", Map.of("$in", values)));
    }

    private static void assertRefused(String field, Object filter) {
        InvalidInputException error = assertThrows(InvalidInputException.class, () -> MetadataFilter.parse(filter),
                String.valueOf(filter));
        assertEquals(field, error.field(), error.getMessage());
    }

    @Test
    void reciprocalRankFusionAddsOneOverSixtyPlusRank() {
        SearchHit a = new SearchHit(new VectorId("a"), 0.9, OptionalDouble.of(0.1), Optional.empty(), Optional.empty(), Optional.empty());
        SearchHit b = new SearchHit(new VectorId("b"), 0.8, OptionalDouble.of(0.2), Optional.empty(), Optional.empty(), Optional.empty());
        SearchHit c = new SearchHit(new VectorId("c"), 3.0, OptionalDouble.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        SearchHit bText = new SearchHit(new VectorId("b"), 2.0, OptionalDouble.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        List<SearchHit> fused = ReciprocalRankFusion.fuse(List.of(List.of(a, b), List.of(c, bText)), 10);
        assertEquals(List.of("b", "a", "c"), fused.stream().map(hit -> hit.id().value()).toList());
        assertEquals(1.0 / 62 + 1.0 / 62, fused.get(0).score(), 1e-12);
        assertEquals(0.2, fused.get(0).distance().getAsDouble(), 1e-12);
        assertEquals(1.0 / 61, fused.get(1).score(), 1e-12);
        assertTrue(fused.get(2).distance().isEmpty());
        assertEquals(1, ReciprocalRankFusion.fuse(List.of(List.of(a, b)), 1).size());
        assertEquals(50, ReciprocalRankFusion.depth(10));
        assertEquals(200, ReciprocalRankFusion.depth(200));
    }

    @Test
    void searchQueriesBoundTheirArguments() {
        Embedding vector = Embedding.of(1, 0);
        assertEquals("k", assertThrows(InvalidInputException.class, () -> SearchQuery.nearest(vector, 0)).field());
        assertEquals("k", assertThrows(InvalidInputException.class, () -> SearchQuery.nearest(vector, SearchQuery.MAX_K + 1)).field());
        SearchQuery query = SearchQuery.nearest(vector, SearchQuery.MAX_K).withMinScore(0.5).withEfSearch(1000).withProbes(7);
        assertEquals(0.5, query.minScore().getAsDouble());
        assertEquals(SearchMode.VECTOR, query.mode());
        assertEquals(Set.of(Include.METADATA), query.include());
        assertEquals("minScore", assertThrows(InvalidInputException.class,
                () -> SearchQuery.nearest(vector, 1).withMinScore(Double.NaN)).field());
        assertEquals("efSearch", assertThrows(InvalidInputException.class, () -> SearchQuery.nearest(vector, 1).withEfSearch(0)).field());
        assertEquals("efSearch", assertThrows(InvalidInputException.class, () -> SearchQuery.nearest(vector, 1).withEfSearch(1001)).field());
        assertEquals("probes", assertThrows(InvalidInputException.class, () -> SearchQuery.nearest(vector, 1).withProbes(0)).field());
        assertEquals("text", assertThrows(InvalidInputException.class, () -> SearchQuery.text(" ", 1)).field());
        assertEquals("text", assertThrows(InvalidInputException.class, () -> SearchQuery.text("x".repeat(4097), 1)).field());
        assertEquals("vector", assertThrows(InvalidInputException.class, () -> new SearchQuery(Optional.empty(),
                Optional.of("words"), 10, MetadataFilter.NONE, OptionalDouble.empty(), OptionalInt.empty(), OptionalInt.empty(),
                SearchMode.HYBRID, Set.of())).field());
        assertEquals("vector", assertThrows(InvalidInputException.class, () -> new SearchQuery(Optional.empty(),
                Optional.empty(), 10, MetadataFilter.NONE, OptionalDouble.empty(), OptionalInt.empty(), OptionalInt.empty(),
                SearchMode.VECTOR, Set.of())).field());
        assertEquals("mode", assertThrows(InvalidInputException.class, () -> SearchMode.fromWire("mode", "fuzzy")).field());
        assertEquals("include[1]", assertThrows(InvalidInputException.class, () -> Include.fromWire("include[1]", "all")).field());
        assertEquals(SearchMode.HYBRID, SearchQuery.hybrid(vector, "words", 3).mode());
    }
}

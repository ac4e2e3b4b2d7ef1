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
    void collectionDimensionsAreBounded() {
        assertEquals("dimension", assertThrows(InvalidInputException.class,
                () -> new Collection(NAME, 0, Metric.L2, IndexSettings.defaults())).field());
        assertThrows(InvalidInputException.class,
                () -> new Collection(NAME, Embedding.MAX_DIMENSION + 1, Metric.L2, IndexSettings.none()));
        assertThrows(InvalidInputException.class,
                () -> new Collection(NAME, Collection.MAX_INDEXED_DIMENSION + 1, Metric.L2, IndexSettings.defaults()));
        new Collection(NAME, Collection.MAX_INDEXED_DIMENSION, Metric.L2, IndexSettings.defaults());
        new Collection(NAME, Collection.MAX_INDEXED_DIMENSION + 1, Metric.L2, IndexSettings.none());
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
        Collection collection = new Collection(NAME, 2, Metric.COSINE, IndexSettings.defaults());
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
        new Collection(NAME, 2, Metric.L2, IndexSettings.none())
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
    void filtersMatchEveryFieldAgainstAnyOfItsValues() {
        Metadata red = Metadata.of(Map.of("color", MetadataValue.of("red"), "size", MetadataValue.of(1)));
        assertTrue(MetadataFilter.NONE.matches(red));
        assertTrue(MetadataFilter.equal("color", MetadataValue.of("red")).matches(red));
        assertTrue(new MetadataFilter(Map.of("color", Set.of(MetadataValue.of("blue"), MetadataValue.of("red")),
                "size", Set.of(MetadataValue.of(1)))).matches(red));
        assertFalse(new MetadataFilter(Map.of("color", Set.of(MetadataValue.of("red")),
                "size", Set.of(MetadataValue.of(2)))).matches(red));
        assertFalse(MetadataFilter.equal("missing", MetadataValue.of("red")).matches(red));
        assertEquals("filter", assertThrows(InvalidInputException.class,
                () -> new MetadataFilter(Map.of("color", Set.of()))).field());
    }

    @Test
    void searchQueriesBoundKAndEfSearch() {
        Embedding vector = Embedding.of(1, 0);
        assertEquals("k", assertThrows(InvalidInputException.class, () -> SearchQuery.nearest(vector, 0)).field());
        assertThrows(InvalidInputException.class, () -> SearchQuery.nearest(vector, SearchQuery.MAX_K + 1));
        SearchQuery query = SearchQuery.nearest(vector, SearchQuery.MAX_K).withMinScore(0.5).withVectors();
        assertEquals(0.5, query.minScore().getAsDouble());
        assertTrue(query.includeVectors());
        assertEquals("minScore", assertThrows(InvalidInputException.class,
                () -> SearchQuery.nearest(vector, 1).withMinScore(Double.NaN)).field());
        assertEquals("efSearch", assertThrows(InvalidInputException.class, () -> new SearchQuery(vector, 1,
                MetadataFilter.NONE, OptionalDouble.empty(), OptionalInt.of(0), false)).field());
    }
}

package dev.strata.adapters.postgres.vectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.adapters.postgres.shared.PostgresTestContext;
import dev.strata.domain.shared.Quota;
import dev.strata.domain.shared.ResourceName;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import dev.strata.domain.shared.TestServices;
import dev.strata.domain.vectors.CollectionDefinition;
import dev.strata.domain.vectors.Embedding;
import dev.strata.domain.vectors.Metadata;
import dev.strata.domain.vectors.MetadataFilter;
import dev.strata.domain.vectors.MetadataValue;
import dev.strata.domain.vectors.Metric;
import dev.strata.domain.vectors.SearchHit;
import dev.strata.domain.vectors.SearchQuery;
import dev.strata.domain.vectors.VectorId;
import dev.strata.domain.vectors.VectorItem;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Recall of the HNSW index through the Postgres adapter on a generated clustered dataset (fixed seed, 20,000
 * vectors of 128 dimensions in 50 clusters, cosine): recall@10 against exact search at the default efSearch, and
 * with a 1 %-selective metadata filter (pgvector's iterative scan), where k results must come back as well.
 * Measures quality, never time.
 */
class VectorRecallIT {
    private static final int COUNT = 20_000;
    private static final int DIMENSION = 128;
    private static final int CLUSTERS = 50;
    private static final int QUERIES = 50;
    private static final int K = 10;
    /** Items with {@code bucket} = 7 are 1 % of all; buckets are independent of clusters. */
    private static final int BUCKETS = 100;
    private static final ResourceName NAME = new ResourceName("recall");

    private static final TenantId TENANT = TenantId.random();
    private static float[][] vectors;
    private static float[][] queries;
    private static PostgresVectorCollections collections;
    private static PostgresVectorStore store;

    @BeforeAll
    static void load() {
        Random random = new Random(20_260_511L);
        float[][] centers = new float[CLUSTERS][DIMENSION];
        for (float[] center : centers) {
            for (int d = 0; d < DIMENSION; d++) {
                center[d] = random.nextFloat() * 2 - 1;
            }
        }
        vectors = new float[COUNT][];
        for (int i = 0; i < COUNT; i++) {
            vectors[i] = near(centers[random.nextInt(CLUSTERS)], random);
        }
        queries = new float[QUERIES][];
        for (int q = 0; q < QUERIES; q++) {
            queries[q] = near(centers[random.nextInt(CLUSTERS)], random);
        }

        PostgresTestContext.insertTenant(TENANT);
        collections = PostgresTestContext.shared().getBean(PostgresVectorCollections.class);
        store = PostgresTestContext.shared().getBean(PostgresVectorStore.class);
        TenantContext.runAs(TENANT, () -> {
            collections.define(CollectionDefinition.of(NAME, DIMENSION, Metric.COSINE), new Quota("collections", 10));
            for (int from = 0; from < COUNT; from += 1000) {
                List<VectorItem> batch = new ArrayList<>();
                for (int i = from; i < from + 1000; i++) {
                    batch.add(new VectorItem(new VectorId("v" + i), Embedding.of(vectors[i]),
                            Metadata.of(Map.of("bucket", MetadataValue.of(i % BUCKETS))), Optional.empty()));
                }
                assertEquals(1000, store.upsert(NAME, batch).count());
            }
        });
    }

    @AfterAll
    static void drop() {
        TenantContext.runAs(TENANT, () -> collections.delete(NAME));
    }

    private static float[] near(float[] center, Random random) {
        float[] vector = new float[DIMENSION];
        for (int d = 0; d < DIMENSION; d++) {
            vector[d] = center[d] + (float) random.nextGaussian() * 0.3f;
        }
        return vector;
    }

    @Test
    void theHnswIndexIsWhatAnswers() throws SQLException {
        try (Connection connection = DriverManager.getConnection(TestServices.jdbcUrl(), TestServices.jdbcUser(),
                TestServices.jdbcPassword()); Statement statement = connection.createStatement()) {
            statement.execute("select set_config('strata.tenant_id', '" + TENANT.value() + "', false)");
            long table;
            try (ResultSet rows = statement.executeQuery("select id from vector_collections where name = 'recall'")) {
                assertTrue(rows.next());
                table = rows.getLong(1);
            }
            StringBuilder plan = new StringBuilder();
            try (ResultSet rows = statement.executeQuery("explain select id from vector_items_" + table
                    + " order by embedding <=> '" + new com.pgvector.PGvector(queries[0]).getValue() + "' limit 10")) {
                while (rows.next()) {
                    plan.append(rows.getString(1)).append('\n');
                }
            }
            assertTrue(plan.toString().contains("vector_items_" + table + "_embedding"), plan.toString());
        }
    }

    @Test
    void recallAtTenIsAtLeast95PercentAtTheDefaultEfSearch() {
        double recall = recall(MetadataFilter.NONE, i -> true);
        System.out.printf("[recall] unfiltered recall@10 = %.4f%n", recall);
        assertTrue(recall >= 0.95, "recall@10 " + recall);
    }

    @Test
    void aOnePercentFilterStillAnswersKResultsWithRecallAtTenOfAtLeast95Percent() {
        MetadataFilter bucket = MetadataFilter.equal("bucket", MetadataValue.of(7));
        double recall = recall(bucket, i -> i % BUCKETS == 7);
        System.out.printf("[recall] 1%%-filtered recall@10 = %.4f%n", recall);
        assertTrue(recall >= 0.95, "filtered recall@10 " + recall);
    }

    private double recall(MetadataFilter filter, java.util.function.IntPredicate matches) {
        double total = 0;
        for (float[] query : queries) {
            Set<String> exact = new HashSet<>(exact(query, matches));
            List<SearchHit> hits = TenantContext.callAs(TENANT, () -> store.search(NAME,
                    SearchQuery.nearest(Embedding.of(query), K).withFilter(filter))).hits();
            assertEquals(K, hits.size(), "k results");
            long found = hits.stream().filter(hit -> exact.contains(hit.id().value())).count();
            total += found / (double) K;
        }
        return total / queries.length;
    }

    private static List<String> exact(float[] query, java.util.function.IntPredicate matches) {
        Embedding q = Embedding.of(query);
        double[] distances = new double[COUNT];
        for (int i = 0; i < COUNT; i++) {
            distances[i] = matches.test(i) ? Metric.COSINE.distance(q, Embedding.of(vectors[i])) : Double.MAX_VALUE;
        }
        return IntStream.range(0, COUNT).filter(matches).boxed()
                .sorted(Comparator.comparingDouble(i -> distances[i]))
                .limit(K)
                .map(i -> "v" + i)
                .toList();
    }
}

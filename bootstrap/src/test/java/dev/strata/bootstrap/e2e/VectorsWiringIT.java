package dev.strata.bootstrap.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.bootstrap.VectorCacheSettings;
import dev.strata.domain.shared.ResourceName;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import dev.strata.domain.vectors.port.CollectionStamp;
import dev.strata.domain.vectors.port.HotVectors;
import dev.strata.domain.vectors.port.SearchResultCache;
import dev.strata.domain.vectors.port.SearchResultCache.Lookup;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The vectors' Redis caches as the application wires them: the shipped defaults of {@code strata.vectors.*}, a
 * configured bound applied, and both adapters sharing the collection's stamp in the instance's Redis.
 */
class VectorsWiringIT {
    private static final ResourceName DOCS = new ResourceName("docs");

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        try (StrataInstance instance = StrataInstance.start()) {
            VectorCacheSettings settings = instance.context.getBean(VectorCacheSettings.class);
            assertEquals(new VectorCacheSettings(Duration.ofSeconds(300), 10_000, Duration.ofSeconds(10), 1_000,
                    Duration.ofSeconds(60), 10), settings);
            assertEquals(Duration.ofSeconds(10), instance.context.getBean(SearchResultCache.class).versionLease());
        }
    }

    @Test
    void configuredBoundsApplyAndBothCachesShareTheStamp() {
        try (StrataInstance instance = StrataInstance.start(Map.of("strata.vectors.result-cache-max", 2,
                "strata.vectors.hot-threshold", 1))) {
            SearchResultCache results = instance.context.getBean(SearchResultCache.class);
            HotVectors hot = instance.context.getBean(HotVectors.class);
            TenantContext.runAs(TenantId.random(), () -> {
                CollectionStamp stamp = results.seedVersion(DOCS, 1);
                for (int i = 1; i <= 3; i++) {
                    assertTrue(results.store(DOCS, stamp, "q" + i, bytes("r" + i)));
                    sleep();
                }
                assertInstanceOf(Lookup.Miss.class, results.lookup(DOCS, "q1"), "result-cache-max 2");
                assertInstanceOf(Lookup.Hit.class, results.lookup(DOCS, "q3"));

                hot.read(DOCS, "a");
                HotVectors.Read.NotKept second = assertInstanceOf(HotVectors.Read.NotKept.class, hot.read(DOCS, "a"));
                assertTrue(second.hot(), "hot-threshold 1");
                assertTrue(hot.keep(DOCS, second.stamp().orElseThrow(), "a", bytes("vector a")));
                assertArrayEquals(bytes("vector a"), assertInstanceOf(HotVectors.Read.Kept.class, hot.read(DOCS, "a")).item());
                results.publishVersion(DOCS, 2);
                assertInstanceOf(HotVectors.Read.NotKept.class, hot.read(DOCS, "a"), "a write hides the hot copy");
            });
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void sleep() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

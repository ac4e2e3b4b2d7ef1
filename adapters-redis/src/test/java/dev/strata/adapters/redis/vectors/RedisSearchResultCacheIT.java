package dev.strata.adapters.redis.vectors;

import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.strata.adapters.redis.shared.RedisConnector;
import dev.strata.adapters.redis.shared.RedisSettings;
import dev.strata.adapters.redis.shared.TestRedis;
import dev.strata.domain.shared.RedisServerProcess;
import dev.strata.domain.shared.StoreUnavailableException;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import dev.strata.domain.vectors.SearchResultCacheContract;
import dev.strata.domain.vectors.port.CollectionStamp;
import dev.strata.domain.vectors.port.SearchResultCache;
import io.lettuce.core.RedisClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The search-result-cache contract against the shared real Redis, plus a Redis that is not there. */
class RedisSearchResultCacheIT extends SearchResultCacheContract {
    private static final TestRedis REDIS = TestRedis.open();
    private static final RedisConnector CONNECTOR = REDIS.connector();

    @Override
    protected SearchResultCache createSubject(Duration resultTtl, int maxEntries, Duration versionLease) {
        return new RedisSearchResultCache(CONNECTOR, resultTtl, maxEntries, versionLease);
    }

    @AfterAll
    static void close() {
        REDIS.close();
    }

    @Test
    void aStoppedRedisIsReportedAsUnavailable() throws Exception {
        try (RedisServerProcess own = RedisServerProcess.start()) {
            RedisClient client = RedisClient.create(own.uri());
            RedisConnector connector = new RedisConnector(client,
                    new RedisSettings(Duration.ofMillis(500), Duration.ofMillis(500), Duration.ofMillis(100)));
            try {
                SearchResultCache cache = new RedisSearchResultCache(connector, Duration.ofMinutes(1), 10, Duration.ofMinutes(1));
                TenantId tenant = TenantId.random();
                CollectionStamp stamp = TenantContext.callAs(tenant, () -> cache.seedVersion(DOCS, 1));
                own.kill();
                TenantContext.runAs(tenant, () -> {
                    assertThrows(StoreUnavailableException.class, () -> cache.lookup(DOCS, "q"));
                    assertThrows(StoreUnavailableException.class, () -> cache.publishVersion(DOCS, 2));
                    assertThrows(StoreUnavailableException.class, () -> cache.seedVersion(DOCS, 2));
                    assertThrows(StoreUnavailableException.class, () -> cache.store(DOCS, stamp, "q", new byte[] {1}));
                    assertThrows(StoreUnavailableException.class, () -> cache.renewVersion(DOCS, stamp, 0));
                    assertThrows(StoreUnavailableException.class, () -> cache.forget(DOCS));
                });
            } finally {
                connector.close();
                client.shutdown();
            }
        }
    }
}

package dev.strata.adapters.redis.vectors;

import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.strata.adapters.redis.shared.RedisConnector;
import dev.strata.adapters.redis.shared.RedisSettings;
import dev.strata.adapters.redis.shared.TestRedis;
import dev.strata.domain.shared.RedisServerProcess;
import dev.strata.domain.shared.StoreUnavailableException;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import dev.strata.domain.vectors.HotVectorsContract;
import dev.strata.domain.vectors.port.CollectionStamp;
import dev.strata.domain.vectors.port.HotVectors;
import io.lettuce.core.RedisClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The hot-vectors contract against the shared real Redis (stamps from the Redis result cache), plus a Redis that is not there. */
class RedisHotVectorsIT extends HotVectorsContract {
    private static final TestRedis REDIS = TestRedis.open();
    private static final RedisConnector CONNECTOR = REDIS.connector();

    @Override
    protected Subject createSubject(int maxCopies, Duration window, int threshold) {
        return new Subject(new RedisHotVectors(CONNECTOR, maxCopies, window, threshold),
                new RedisSearchResultCache(CONNECTOR, Duration.ofMinutes(5), 100, Duration.ofMinutes(5)));
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
                HotVectors hot = new RedisHotVectors(connector, 10, Duration.ofMinutes(1), 1);
                TenantId tenant = TenantId.random();
                TenantContext.runAs(tenant, () -> hot.read(DOCS, "a"));
                own.kill();
                TenantContext.runAs(tenant, () -> {
                    assertThrows(StoreUnavailableException.class, () -> hot.read(DOCS, "a"));
                    assertThrows(StoreUnavailableException.class, () -> hot.keep(DOCS, new CollectionStamp(1, 1), "a", new byte[] {1}));
                    assertThrows(StoreUnavailableException.class, () -> hot.forget(DOCS));
                });
            } finally {
                connector.close();
                client.shutdown();
            }
        }
    }
}

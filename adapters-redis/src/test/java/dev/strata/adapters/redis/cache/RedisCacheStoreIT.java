package dev.strata.adapters.redis.cache;

import dev.strata.adapters.redis.shared.RedisConnector;
import dev.strata.adapters.redis.shared.RedisSettings;
import dev.strata.domain.cache.CacheStoreContract;
import dev.strata.domain.cache.port.CacheStore;
import dev.strata.domain.shared.Clock;
import io.lettuce.core.RedisClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;

/** The cache store contract against the shared real Redis (L2). */
class RedisCacheStoreIT extends CacheStoreContract {
    static final RedisClient CLIENT = RedisClient.create(System.getProperty("strata.test.redis-uri", "redis://127.0.0.1:6379"));
    static final RedisConnector CONNECTOR =
            new RedisConnector(CLIENT, new RedisSettings(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofMillis(100)));

    @Override
    protected CacheStore createSubject() {
        return new RedisCacheStore(CONNECTOR, Clock.system());
    }

    @AfterAll
    static void close() {
        CONNECTOR.close();
        CLIENT.shutdown();
    }
}

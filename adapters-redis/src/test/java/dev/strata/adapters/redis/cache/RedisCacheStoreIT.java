package dev.strata.adapters.redis.cache;

import dev.strata.adapters.redis.shared.RedisConnector;
import dev.strata.adapters.redis.shared.TestRedis;
import dev.strata.domain.cache.CacheStoreContract;
import dev.strata.domain.cache.port.CacheStore;
import dev.strata.domain.shared.Clock;
import org.junit.jupiter.api.AfterAll;

/** The cache store contract against the shared real Redis (L2). */
class RedisCacheStoreIT extends CacheStoreContract {
    static final TestRedis REDIS = TestRedis.open();
    static final RedisConnector CONNECTOR = REDIS.connector();

    @Override
    protected CacheStore createSubject() {
        return new RedisCacheStore(CONNECTOR, Clock.system());
    }

    @AfterAll
    static void close() {
        REDIS.close();
    }
}

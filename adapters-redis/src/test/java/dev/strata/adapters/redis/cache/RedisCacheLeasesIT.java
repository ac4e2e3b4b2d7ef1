package dev.strata.adapters.redis.cache;

import dev.strata.adapters.redis.shared.RedisConnector;
import dev.strata.adapters.redis.shared.TestRedis;
import dev.strata.domain.cache.CacheLeasesContract;
import dev.strata.domain.cache.port.CacheLeases;
import org.junit.jupiter.api.AfterAll;

/** The leases contract against the shared real Redis. */
class RedisCacheLeasesIT extends CacheLeasesContract {
    static final TestRedis REDIS = TestRedis.open();
    static final RedisConnector CONNECTOR = REDIS.connector();

    @Override
    protected CacheLeases createSubject() {
        return new RedisCacheLeases(CONNECTOR);
    }

    @AfterAll
    static void close() {
        REDIS.close();
    }
}

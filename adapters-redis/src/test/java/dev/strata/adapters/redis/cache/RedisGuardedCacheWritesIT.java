package dev.strata.adapters.redis.cache;

import dev.strata.adapters.redis.shared.RedisConnector;
import dev.strata.adapters.redis.shared.TestRedis;
import dev.strata.domain.cache.GuardedCacheWritesContract;
import dev.strata.domain.shared.Clock;
import org.junit.jupiter.api.AfterAll;

/** The guarded-write contract against the shared real Redis: the L2 store and the leases share their stamps there. */
class RedisGuardedCacheWritesIT extends GuardedCacheWritesContract {
    static final TestRedis REDIS = TestRedis.open();
    static final RedisConnector CONNECTOR = REDIS.connector();

    @Override
    protected Subject createSubject() {
        return new Subject(new RedisCacheStore(CONNECTOR, Clock.system()), new RedisCacheLeases(CONNECTOR));
    }

    @AfterAll
    static void close() {
        REDIS.close();
    }
}

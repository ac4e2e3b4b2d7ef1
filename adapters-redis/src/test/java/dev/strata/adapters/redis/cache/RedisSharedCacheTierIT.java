package dev.strata.adapters.redis.cache;

import dev.strata.adapters.redis.shared.RedisConnector;
import dev.strata.adapters.redis.shared.TestRedis;
import dev.strata.domain.cache.SharedCacheTierContract;
import dev.strata.domain.shared.Clock;
import org.junit.jupiter.api.AfterAll;

/** The shared-tier contract against the shared real Redis: the L2 store and the leases share their stamps there. */
class RedisSharedCacheTierIT extends SharedCacheTierContract {
    static final TestRedis REDIS = TestRedis.open();
    static final RedisConnector CONNECTOR = REDIS.connector();

    @Override
    protected Subject createSubject() {
        RedisCacheLeases leases = new RedisCacheLeases(CONNECTOR);
        return new Subject(new RedisCacheStore(CONNECTOR, Clock.system()), leases, leases);
    }

    @AfterAll
    static void close() {
        REDIS.close();
    }
}

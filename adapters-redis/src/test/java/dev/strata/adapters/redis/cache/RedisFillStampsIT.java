package dev.strata.adapters.redis.cache;

import dev.strata.adapters.redis.shared.RedisConnector;
import dev.strata.adapters.redis.shared.TestRedis;
import dev.strata.domain.cache.FillStampsContract;
import org.junit.jupiter.api.AfterAll;

/** The fill-stamps contract against the shared real Redis: stamps and leases share their epochs there. */
class RedisFillStampsIT extends FillStampsContract {
    static final TestRedis REDIS = TestRedis.open();
    static final RedisConnector CONNECTOR = REDIS.connector();

    @Override
    protected Subject createSubject() {
        RedisCacheLeases leases = new RedisCacheLeases(CONNECTOR);
        return new Subject(leases, leases);
    }

    @AfterAll
    static void close() {
        REDIS.close();
    }
}

package dev.strata.adapters.redis.cache;

import dev.strata.adapters.redis.shared.RedisConnector;
import dev.strata.adapters.redis.shared.RedisSettings;
import dev.strata.domain.cache.GuardedCacheWritesContract;
import dev.strata.domain.shared.Clock;
import io.lettuce.core.RedisClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;

/** The guarded-write contract against the shared real Redis: the L2 store and the leases share their stamps there. */
class RedisGuardedCacheWritesIT extends GuardedCacheWritesContract {
    static final RedisClient CLIENT = RedisClient.create(System.getProperty("strata.test.redis-uri", "redis://127.0.0.1:6379"));
    static final RedisConnector CONNECTOR =
            new RedisConnector(CLIENT, new RedisSettings(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofMillis(100)));

    @Override
    protected Subject createSubject() {
        return new Subject(new RedisCacheStore(CONNECTOR, Clock.system()), new RedisCacheLeases(CONNECTOR));
    }

    @AfterAll
    static void close() {
        CONNECTOR.close();
        CLIENT.shutdown();
    }
}

package dev.strata.adapters.redis.shared;

import dev.strata.domain.shared.TestServices;
import io.lettuce.core.RedisClient;
import java.time.Duration;

/**
 * Test support: a connector to the shared real Redis that {@code TestServices} chooses ({@code -Dstrata.test.redis-uri},
 * Testcontainers, or the local server of {@code scripts/services.sh}), with the settings every adapter IT uses. One per test class; close it
 * after all its tests.
 */
public final class TestRedis implements AutoCloseable {
    private final RedisClient client;
    private final RedisConnector connector;

    private TestRedis(RedisClient client) {
        this.client = client;
        this.connector = new RedisConnector(client, new RedisSettings(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofMillis(100)));
    }

    public static TestRedis open() {
        return new TestRedis(RedisClient.create(TestServices.redisUri()));
    }

    public RedisConnector connector() {
        return connector;
    }

    @Override
    public void close() {
        connector.close();
        client.shutdown();
    }
}

package dev.strata.adapters.redis.shared;

import io.lettuce.core.RedisClient;
import java.time.Duration;

/**
 * Test support: a connector to the shared real Redis of {@code scripts/services.sh} (or
 * {@code -Dstrata.test.redis-uri}), with the settings every adapter IT uses. One per test class; close it
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
        return new TestRedis(RedisClient.create(System.getProperty("strata.test.redis-uri", "redis://127.0.0.1:6379")));
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

package dev.strata.adapters.redis.sessions;

import dev.strata.adapters.redis.shared.RedisConnector;
import dev.strata.adapters.redis.shared.RedisSettings;
import dev.strata.domain.sessions.AccessRevocationsContract;
import dev.strata.domain.sessions.port.AccessRevocations;
import io.lettuce.core.RedisClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;

/** The revocation contract against the shared real Redis. */
class RedisAccessRevocationsIT extends AccessRevocationsContract {
    private static final RedisClient CLIENT =
            RedisClient.create(System.getProperty("strata.test.redis-uri", "redis://127.0.0.1:6379"));
    private static final RedisConnector CONNECTOR =
            new RedisConnector(CLIENT, new RedisSettings(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofMillis(100)));

    @Override
    protected AccessRevocations createSubject() {
        return new RedisAccessRevocations(CONNECTOR);
    }

    @AfterAll
    static void close() {
        CONNECTOR.close();
        CLIENT.shutdown();
    }
}

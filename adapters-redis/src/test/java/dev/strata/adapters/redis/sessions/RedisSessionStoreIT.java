package dev.strata.adapters.redis.sessions;

import dev.strata.adapters.redis.shared.RedisConnector;
import dev.strata.adapters.redis.shared.RedisSettings;
import dev.strata.domain.sessions.SessionStoreContract;
import dev.strata.domain.sessions.port.SessionStore;
import dev.strata.domain.shared.Clock;
import io.lettuce.core.RedisClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;

/** The session store contract against the shared real Redis (the live copy). */
class RedisSessionStoreIT extends SessionStoreContract {
    private static final RedisClient CLIENT =
            RedisClient.create(System.getProperty("strata.test.redis-uri", "redis://127.0.0.1:6379"));
    private static final RedisConnector CONNECTOR =
            new RedisConnector(CLIENT, new RedisSettings(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofMillis(100)));

    @Override
    protected SessionStore createSubject() {
        return new RedisSessionStore(CONNECTOR, Clock.system());
    }

    @AfterAll
    static void close() {
        CONNECTOR.close();
        CLIENT.shutdown();
    }
}

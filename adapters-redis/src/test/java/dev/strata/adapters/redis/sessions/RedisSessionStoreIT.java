package dev.strata.adapters.redis.sessions;

import dev.strata.adapters.redis.shared.RedisConnector;
import dev.strata.adapters.redis.shared.TestRedis;
import dev.strata.domain.sessions.SessionStoreContract;
import dev.strata.domain.sessions.port.SessionStore;
import dev.strata.domain.shared.Clock;
import org.junit.jupiter.api.AfterAll;

/** The session store contract against the shared real Redis (the live copy). */
class RedisSessionStoreIT extends SessionStoreContract {
    private static final TestRedis REDIS = TestRedis.open();
    private static final RedisConnector CONNECTOR = REDIS.connector();

    @Override
    protected SessionStore createSubject() {
        return new RedisSessionStore(CONNECTOR, Clock.system());
    }

    @AfterAll
    static void close() {
        REDIS.close();
    }
}

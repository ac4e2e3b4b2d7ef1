package dev.strata.adapters.redis.sessions;

import dev.strata.adapters.redis.shared.RedisConnector;
import dev.strata.adapters.redis.shared.TestRedis;
import dev.strata.domain.sessions.AccessRevocationsContract;
import dev.strata.domain.sessions.port.AccessRevocations;
import org.junit.jupiter.api.AfterAll;

/** The revocation contract against the shared real Redis. */
class RedisAccessRevocationsIT extends AccessRevocationsContract {
    private static final TestRedis REDIS = TestRedis.open();
    private static final RedisConnector CONNECTOR = REDIS.connector();

    @Override
    protected AccessRevocations createSubject() {
        return new RedisAccessRevocations(CONNECTOR);
    }

    @AfterAll
    static void close() {
        REDIS.close();
    }
}

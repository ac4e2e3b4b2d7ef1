package dev.strata.adapters.redis.events;

import dev.strata.adapters.redis.shared.RedisConnector;
import dev.strata.adapters.redis.shared.TestRedis;
import dev.strata.domain.events.EventStreamContract;
import dev.strata.domain.events.port.EventStream;
import org.junit.jupiter.api.AfterAll;

/**
 * The event-stream contract against the shared real Redis: idempotent appends by explicit entry id, ranges,
 * loss detection, trimming, live events over Pub/Sub (one connection for every subscriber of the instance).
 */
class RedisEventStreamIT extends EventStreamContract {
    private static final TestRedis REDIS = TestRedis.open();
    private static final RedisConnector CONNECTOR = REDIS.connector();
    private static final RedisEventStream STREAM = new RedisEventStream(CONNECTOR);

    @Override
    protected EventStream createSubject() {
        return STREAM;
    }

    @AfterAll
    static void close() {
        STREAM.close();
        REDIS.close();
    }
}

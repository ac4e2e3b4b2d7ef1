package dev.strata.adapters.redis.ratelimits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.adapters.redis.shared.RedisConnector;
import dev.strata.adapters.redis.shared.RedisSettings;
import dev.strata.adapters.redis.shared.TestRedis;
import dev.strata.domain.ratelimits.RateLimitAlgorithm;
import dev.strata.domain.ratelimits.RateLimitPolicy;
import dev.strata.domain.ratelimits.RateLimiterContract;
import dev.strata.domain.ratelimits.port.RateLimiter;
import dev.strata.domain.shared.RedisServerProcess;
import dev.strata.domain.shared.StoreUnavailableException;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import io.lettuce.core.RedisClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The rate-limiter contract against the shared real Redis, plus script caching and Redis failures on a Redis of our own. */
class RedisRateLimiterIT extends RateLimiterContract {
    private static final TestRedis REDIS = TestRedis.open();
    private static final RedisConnector CONNECTOR = REDIS.connector();

    @Override
    protected RateLimiter createSubject() {
        return new RedisRateLimiter(CONNECTOR);
    }

    @AfterAll
    static void close() {
        REDIS.close();
    }

    @Test
    void aServerThatForgotTheScriptsStillDecidesAndAStoppedOneIsReported() throws Exception {
        try (RedisServerProcess own = RedisServerProcess.start()) {
            RedisClient client = RedisClient.create(own.uri());
            RedisConnector connector = new RedisConnector(client,
                    new RedisSettings(Duration.ofMillis(500), Duration.ofMillis(500), Duration.ofMillis(100)));
            try {
                RedisRateLimiter limiter = new RedisRateLimiter(connector);
                RateLimitPolicy policy = new RateLimitPolicy("flushy", 2, 60, RateLimitAlgorithm.SLIDING_WINDOW);
                TenantId tenant = TenantId.random();
                assertTrue(TenantContext.callAs(tenant, () -> limiter.consume(policy, "k", 1)).allowed());
                connector.call(commands -> commands.scriptFlush());
                assertTrue(TenantContext.callAs(tenant, () -> limiter.consume(policy, "k", 1)).allowed(), "NOSCRIPT falls back to EVAL");
                assertFalse(TenantContext.callAs(tenant, () -> limiter.consume(policy, "k", 1)).allowed());
                assertEquals(1L, connector.call(commands -> commands.scriptExists(RedisRateLimiter.SLIDING_WINDOW.sha1())).stream()
                        .filter(Boolean::booleanValue).count(), "EVAL cached the script again");
                own.kill();
                assertThrows(StoreUnavailableException.class, () -> TenantContext.callAs(tenant, () -> limiter.consume(policy, "k", 1)));
            } finally {
                connector.close();
                client.shutdown();
            }
        }
    }
}

package dev.strata.adapters.redis.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.domain.shared.RedisServerProcess;
import dev.strata.domain.shared.StoreUnavailableException;
import io.lettuce.core.RedisClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The Redis connector against a real redis-server of the test's own: it works, a dead server makes
 * calls fail with {@link StoreUnavailableException} and opens the circuit, and after a restart
 * the connector recovers by itself.
 */
class RedisConnectorIT {
    private static final RedisSettings SETTINGS =
            new RedisSettings(Duration.ofMillis(300), Duration.ofMillis(300), Duration.ofMillis(200));

    @Test
    void failsFastWhileRedisIsDownAndRecoversWhenItReturns() throws Exception {
        try (RedisServerProcess redis = RedisServerProcess.start()) {
            RedisClient client = RedisClient.create(redis.uri());
            try (RedisConnector connector = new RedisConnector(client, SETTINGS)) {
                assertEquals("OK", connector.call(c -> c.set("k", "v")));
                assertEquals("v", connector.call(c -> c.get("k")));

                redis.kill();
                assertThrows(StoreUnavailableException.class, () -> connector.call(c -> c.get("k")));
                assertTrue(connector.failing());
                StoreUnavailableException open = assertThrows(StoreUnavailableException.class, () -> connector.call(c -> c.get("k")));
                assertTrue(open.getMessage().contains("circuit open"), "second call must not wait on a dead Redis: " + open.getMessage());

                redis.startAgain();
                String value = null;
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (System.nanoTime() < deadline) {
                    try {
                        value = connector.call(c -> c.set("k2", "back"));
                        break;
                    } catch (StoreUnavailableException stillDown) {
                        Thread.sleep(100);
                    }
                }
                assertEquals("OK", value, "connector must recover after Redis returns");
                assertFalse(connector.failing());
                assertNull(connector.call(c -> c.get("k")), "the restarted Redis is empty");
            } finally {
                client.shutdown();
            }
        }
    }

    @Test
    void unreachableRedisIsReportedNotThrownByTheProbe() {
        RedisClient client = RedisClient.create("redis://127.0.0.1:1");
        try (RedisConnector connector = new RedisConnector(client, SETTINGS)) {
            assertFalse(new RedisHealthProbe(connector).probe().up());
            assertThrows(StoreUnavailableException.class, () -> connector.call(c -> c.ping()));
        } finally {
            client.shutdown();
        }
    }
}

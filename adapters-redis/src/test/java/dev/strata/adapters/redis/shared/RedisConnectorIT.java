package dev.strata.adapters.redis.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
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
    void theNonBlockingCallAnswersFailsFastAndTripsTheSameBreaker() throws Exception {
        try (RedisServerProcess redis = RedisServerProcess.start()) {
            RedisClient client = RedisClient.create(redis.uri());
            try (RedisConnector connector = new RedisConnector(client, SETTINGS)) {
                byte[] key = "k".getBytes(java.nio.charset.StandardCharsets.UTF_8);
                StoreUnavailableException early = unavailable(connector.callBinaryAsync(c -> c.get(key)));
                assertTrue(early.getMessage().contains("not connected"), "it never connects on the caller's thread");
                assertFalse(connector.failing(), "not being connected yet is no fault");

                connector.callBinary(c -> c.set(key, "v".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                assertEquals("v", new String(connector.callBinaryAsync(c -> c.get(key)).toCompletableFuture()
                        .get(5, java.util.concurrent.TimeUnit.SECONDS), java.nio.charset.StandardCharsets.UTF_8));

                redis.kill();
                unavailable(connector.callBinaryAsync(c -> c.get(key)));
                assertTrue(connector.failing(), "a failed non-blocking call trips the breaker");
                long started = System.nanoTime();
                StoreUnavailableException open = unavailable(connector.callBinaryAsync(c -> c.get(key)));
                assertTrue(open.getMessage().contains("circuit open"), open.getMessage());
                assertTrue(System.nanoTime() - started < Duration.ofMillis(100).toNanos(), "fails at once while open");
            } finally {
                client.shutdown();
            }
        }
    }

    private static StoreUnavailableException unavailable(java.util.concurrent.CompletionStage<?> stage) {
        java.util.concurrent.ExecutionException failed = assertThrows(java.util.concurrent.ExecutionException.class,
                () -> stage.toCompletableFuture().get(5, java.util.concurrent.TimeUnit.SECONDS));
        Throwable cause = failed.getCause();
        while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return assertInstanceOf(StoreUnavailableException.class, cause);
    }

    @Test
    void aFrozenRedisHoldsNoCallerWhileConnecting() throws Exception {
        try (RedisServerProcess redis = RedisServerProcess.start()) {
            RedisClient client = RedisClient.create(redis.uri());
            try (RedisConnector connector = new RedisConnector(client, SETTINGS)) {
                // frozen before the first connection: the socket is accepted, the handshake never answered
                redis.freeze();
                java.util.List<java.util.concurrent.Future<Throwable>> callers = new java.util.ArrayList<>();
                java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
                try {
                    for (int i = 0; i < 4; i++) {
                        boolean binary = i % 2 == 0;
                        callers.add(pool.submit(() -> {
                            try {
                                if (binary) {
                                    connector.callBinary(c -> c.ping());
                                } else {
                                    connector.call(c -> c.ping());
                                }
                                return null;
                            } catch (Throwable t) {
                                return t;
                            }
                        }));
                    }
                    for (java.util.concurrent.Future<Throwable> caller : callers) {
                        // Lettuce alone would wait for the URI's timeout (60 s) here
                        assertInstanceOf(StoreUnavailableException.class, caller.get(5, java.util.concurrent.TimeUnit.SECONDS));
                    }
                } finally {
                    pool.shutdownNow();
                }
                assertTrue(connector.failing());
                redis.thaw();
                String value = null;
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (value == null && System.nanoTime() < deadline) {
                    try {
                        value = connector.call(c -> c.set("k", "thawed"));
                    } catch (StoreUnavailableException stillDown) {
                        Thread.sleep(100);
                    }
                }
                assertEquals("OK", value, "the connection opened late is used once Redis answers");
                assertEquals("thawed", connector.call(c -> c.get("k")));
            } finally {
                client.shutdown();
            }
        }
    }

    @Test
    void afterAFailureOnlyOneTrialCallMayWaitOnRedis() throws Exception {
        try (RedisServerProcess redis = RedisServerProcess.start()) {
            RedisClient client = RedisClient.create(redis.uri());
            try (RedisConnector connector = new RedisConnector(client, SETTINGS)) {
                assertEquals("OK", connector.call(c -> c.set("k", "v")));
                redis.freeze();
                assertThrows(StoreUnavailableException.class, () -> connector.call(c -> c.get("k")));
                Thread.sleep(SETTINGS.retryAfter().toMillis() + 50);
                java.util.concurrent.CountDownLatch admitted = new java.util.concurrent.CountDownLatch(1);
                Thread trial = new Thread(() -> {
                    try {
                        connector.call(c -> {
                            admitted.countDown();
                            return c.get("k");
                        });
                    } catch (StoreUnavailableException expected) {
                        // the trial meets the frozen server
                    }
                });
                trial.start();
                assertTrue(admitted.await(5, java.util.concurrent.TimeUnit.SECONDS));
                StoreUnavailableException refused = assertThrows(StoreUnavailableException.class, () -> connector.call(c -> c.get("k")));
                assertTrue(refused.getMessage().contains("circuit"), "refused without trying: " + refused.getMessage());
                trial.join(5_000);
                redis.thaw();
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

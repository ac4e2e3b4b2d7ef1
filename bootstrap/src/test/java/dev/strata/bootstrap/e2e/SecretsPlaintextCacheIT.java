package dev.strata.bootstrap.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.strata.adapters.redis.cache.CacheTierSettings;
import dev.strata.adapters.redis.cache.RedisInvalidationBus;
import dev.strata.adapters.redis.shared.RedisConnector;
import dev.strata.adapters.redis.shared.RedisSettings;
import dev.strata.application.secrets.PlaintextCache;
import dev.strata.domain.shared.Clock;
import dev.strata.domain.shared.RedisServerProcess;
import dev.strata.domain.shared.ResourceName;
import dev.strata.domain.shared.Revocation;
import dev.strata.domain.shared.TenantId;
import dev.strata.domain.shared.TestServices;
import dev.strata.domain.shared.port.RevocationChannel;
import io.lettuce.core.RedisClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two instances' plaintext caches, each on its own Redis client and coherence channel (real Redis Pub/Sub): a
 * secret forgotten everywhere on one is dropped on the other, for that tenant and secret only, and no plaintext
 * ever reaches Redis on the way; an instance whose Redis goes away drops everything and serves nothing until it is
 * back.
 *
 * <p>The caches obey the fail-closed rule: whenever their channel is not current (no heartbeat of its own heard
 * within the max-staleness) or lost, they drop everything and keep nothing. The channel here therefore has a
 * generous max-staleness, so that a loaded machine delaying a heartbeat by a few hundred milliseconds does not make
 * them drop what the test expects to stay; and a run during which a channel was lost outright (seconds of silence)
 * is run again with fresh instances, since the drop it saw was the fail-closed one, not the one under test.
 */
class SecretsPlaintextCacheIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Far above any scheduling delay of a loaded machine; the drop under test travels at once regardless. */
    private static final Duration MAX_STALENESS = Duration.ofSeconds(10);
    private static final int ATTEMPTS = 3;
    private static final ResourceName DB = new ResourceName("db-password");
    private static final ResourceName API = new ResourceName("api-key");

    private final List<Runnable> closers = new ArrayList<>();
    private final TenantId tenant = new TenantId(UUID.randomUUID());
    private final TenantId other = new TenantId(UUID.randomUUID());
    /** Channels lost (told to the caches' listeners) since the test began, on any instance. */
    private final AtomicInteger lost = new AtomicInteger();

    private PlaintextCache instance() {
        return instance(TestServices.redisUri());
    }

    private PlaintextCache instance(String redisUri) {
        RedisClient client = RedisClient.create(redisUri);
        RedisConnector connector = new RedisConnector(client,
                new RedisSettings(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofMillis(100)));
        RedisInvalidationBus bus = new RedisInvalidationBus(connector, new SimpleMeterRegistry(),
                new CacheTierSettings(Duration.ofSeconds(10), MAX_STALENESS, 1000, 1 << 20));
        PlaintextCache cache = new PlaintextCache(bus, Clock.system(), Duration.ofMinutes(5), 1000).start();
        RevocationChannel.Subscription watch = bus.listen(new RevocationChannel.Listener() {
            @Override
            public void onRevocation(TenantId tenant, Revocation revocation) {
            }

            @Override
            public void onConnectionChange(boolean connected) {
                if (!connected) {
                    lost.incrementAndGet();
                }
            }
        });
        closers.add(() -> {
            watch.close();
            cache.close();
            bus.close();
            connector.close();
            client.shutdown();
        });
        await(bus::current, "the channel is current");
        return cache;
    }

    @AfterEach
    void close() {
        closers.forEach(Runnable::run);
    }

    private static void put(PlaintextCache cache, TenantId tenant, ResourceName name, int version, String value) {
        cache.put(tenant, name, version, value.getBytes(StandardCharsets.UTF_8), cache.generation());
    }

    private static Optional<String> get(PlaintextCache cache, TenantId tenant, ResourceName name, int version) {
        return cache.get(tenant, name, version).map(value -> new String(value, StandardCharsets.UTF_8));
    }

    @Test
    void aSecretForgottenOnOneInstanceIsDroppedOnTheOtherForThatTenantOnly() {
        for (int attempt = 1; ; attempt++) {
            int lostBefore = lost.get();
            try {
                forgetEverywhere(new TenantId(UUID.randomUUID()), new TenantId(UUID.randomUUID()));
                return;
            } catch (AssertionError e) {
                if (lost.get() == lostBefore || attempt == ATTEMPTS) {
                    throw e;
                }
                // a channel was lost meanwhile: its cache dropped everything (fail closed); run again
            }
        }
    }

    private void forgetEverywhere(TenantId tenant, TenantId other) {
        PlaintextCache a = instance();
        PlaintextCache b = instance();
        String plaintext = "plaintext-" + UUID.randomUUID();
        for (PlaintextCache cache : List.of(a, b)) {
            put(cache, tenant, DB, 1, plaintext);
            put(cache, tenant, DB, 2, plaintext + "-v2");
            put(cache, tenant, API, 1, "api-" + plaintext);
            put(cache, other, DB, 1, "other-" + plaintext);
        }
        assertEquals(Optional.of(plaintext), get(b, tenant, DB, 1));

        assertTrue(a.forgetEverywhere(tenant, DB));

        assertEquals(Optional.empty(), get(a, tenant, DB, 1), "dropped here at once");
        await(() -> get(b, tenant, DB, 1).isEmpty() && get(b, tenant, DB, 2).isEmpty(), "dropped on the other instance");
        for (PlaintextCache cache : List.of(a, b)) {
            assertEquals(Optional.of("api-" + plaintext), get(cache, tenant, API, 1), "another secret stays");
            assertEquals(Optional.of("other-" + plaintext), get(cache, other, DB, 1), "another tenant's secret stays");
        }

        // and the other way round
        assertTrue(b.forgetEverywhere(other, DB));
        await(() -> get(a, other, DB, 1).isEmpty(), "dropped on the first instance");
        assertEquals(Optional.of("api-" + plaintext), get(a, tenant, API, 1));

        LeakScan.assertAbsentFromRedis(Map.of("the plaintext", plaintext));
    }

    @Test
    void whenItsRedisGoesAwayAnInstanceDropsAndServesNothingUntilItIsBack() throws Exception {
        try (RedisServerProcess redis = RedisServerProcess.start()) {
            PlaintextCache cache = instance(redis.uri());
            put(cache, tenant, DB, 1, "held-" + UUID.randomUUID());
            assertEquals(1, cache.size());

            redis.kill();
            await(() -> cache.size() == 0, "everything dropped once the channel is lost");
            put(cache, tenant, DB, 1, "while-away-" + UUID.randomUUID());
            assertEquals(Optional.empty(), get(cache, tenant, DB, 1), "nothing served while not current");
            assertEquals(0, cache.size(), "nothing kept while not current");

            redis.startAgain();
            await(() -> {
                put(cache, tenant, DB, 1, "back");
                return get(cache, tenant, DB, 1).isPresent();
            }, "serving again once the channel is current");
        }
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not true within " + WAIT + ": " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}

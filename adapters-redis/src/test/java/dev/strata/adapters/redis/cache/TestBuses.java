package dev.strata.adapters.redis.cache;

import dev.strata.adapters.redis.shared.RedisConnector;
import dev.strata.adapters.redis.shared.RedisSettings;
import dev.strata.domain.shared.TestServices;
import io.lettuce.core.RedisClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Test support: {@link RedisInvalidationBus}es on real Redis, each with a client of its own as separate instances
 * would have, closed one by one as the contracts release them.
 */
final class TestBuses {
    private static final RedisSettings SETTINGS = new RedisSettings(Duration.ofMillis(500), Duration.ofMillis(500), Duration.ofMillis(100));
    private static final CacheTierSettings TIER = new CacheTierSettings(Duration.ofSeconds(10), Duration.ofMillis(100), 1000, 1 << 20);

    private record Instance(RedisClient client, RedisConnector connector, RedisInvalidationBus bus) {
        void close() {
            bus.close();
            connector.close();
            client.shutdown();
        }
    }

    private final List<Instance> instances = new CopyOnWriteArrayList<>();
    private final MeterRegistry registry;

    TestBuses(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A bus on the shared test Redis ({@code -Dstrata.test.redis-uri}). */
    RedisInvalidationBus open() {
        return open(TestServices.redisUri());
    }

    RedisInvalidationBus open(String uri) {
        RedisClient client = RedisClient.create(uri);
        RedisConnector connector = new RedisConnector(client, SETTINGS);
        RedisInvalidationBus bus = new RedisInvalidationBus(connector, registry, TIER);
        instances.add(new Instance(client, connector, bus));
        return bus;
    }

    /** Closes the bus (given as any of its ports) with its connector and client. */
    void close(Object bus) {
        instances.stream().filter(i -> i.bus() == bus).forEach(Instance::close);
    }
}

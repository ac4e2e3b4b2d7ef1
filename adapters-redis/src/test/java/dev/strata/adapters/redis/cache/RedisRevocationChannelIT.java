package dev.strata.adapters.redis.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.adapters.redis.shared.RedisConnector;
import dev.strata.adapters.redis.shared.RedisSettings;
import dev.strata.domain.cache.Invalidation;
import dev.strata.domain.shared.ResourceName;
import dev.strata.domain.shared.Revocation;
import dev.strata.domain.shared.RevocationChannelContract;
import dev.strata.domain.shared.TenantId;
import dev.strata.domain.shared.port.RevocationChannel;
import io.lettuce.core.RedisClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The revocation channel contract on real Redis Pub/Sub (each instance with its own client), and that
 * revocations and cache invalidations share the channel without ever reaching each other's listeners.
 */
class RedisRevocationChannelIT extends RevocationChannelContract {
    private static final RedisSettings SETTINGS = new RedisSettings(Duration.ofMillis(500), Duration.ofMillis(500), Duration.ofMillis(100));

    private record Instance(RedisClient client, RedisConnector connector, RedisInvalidationBus bus) {
        void close() {
            bus.close();
            connector.close();
            client.shutdown();
        }
    }

    private final List<Instance> instances = new CopyOnWriteArrayList<>();

    @Override
    protected RevocationChannel createSubject() {
        RedisClient client = RedisClient.create(System.getProperty("strata.test.redis-uri", "redis://127.0.0.1:6379"));
        RedisConnector connector = new RedisConnector(client, SETTINGS);
        RedisInvalidationBus bus = new RedisInvalidationBus(connector, new SimpleMeterRegistry(),
                new CacheTierSettings(Duration.ofSeconds(10), Duration.ofMillis(100), 1000, 1 << 20));
        instances.add(new Instance(client, connector, bus));
        return bus;
    }

    @Override
    protected void release(RevocationChannel channel) {
        instances.stream().filter(i -> i.bus() == channel).forEach(Instance::close);
    }

    @Test
    void revocationsNeverReachTheCacheAndInvalidationsNeverRevoke() {
        RedisInvalidationBus bus = (RedisInvalidationBus) peer;
        List<Invalidation> invalidations = new CopyOnWriteArrayList<>();
        bus.subscribe((tenant, invalidation) -> invalidations.add(invalidation));
        Recorder revocations = listen(peer);
        TenantId tenant = newTenant();
        Invalidation marker = Invalidation.namespace(new ResourceName("marker"));

        runAs(tenant, () -> revoker.revoke(Revocation.clients(Set.of("sc_client"))));
        runAs(tenant, () -> ((RedisInvalidationBus) revoker).publish(marker));
        runAs(tenant, () -> revoker.revoke(Revocation.sessions(Set.of("session-after"))));

        assertEquals(Revocation.clients(Set.of("sc_client")), revocations.next().revocation());
        assertEquals(Revocation.sessions(Set.of("session-after")), revocations.next().revocation());
        awaitTrue(() -> !invalidations.isEmpty(), "the invalidation arrived");
        assertEquals(List.of(marker), invalidations, "the cache heard only its own message");
        assertTrue(revocations.received.isEmpty(), "got " + revocations.received);
    }
}

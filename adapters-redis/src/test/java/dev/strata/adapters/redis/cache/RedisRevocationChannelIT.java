package dev.strata.adapters.redis.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.domain.cache.Invalidation;
import dev.strata.domain.shared.ResourceName;
import dev.strata.domain.shared.Revocation;
import dev.strata.domain.shared.RevocationChannelContract;
import dev.strata.domain.shared.TenantId;
import dev.strata.domain.shared.port.RevocationChannel;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The revocation channel contract on real Redis Pub/Sub (each instance with its own client), and that
 * revocations and cache invalidations share the channel without ever reaching each other's listeners.
 */
class RedisRevocationChannelIT extends RevocationChannelContract {
    private final TestBuses buses = new TestBuses(new SimpleMeterRegistry());

    @Override
    protected RevocationChannel createSubject() {
        return buses.open();
    }

    @Override
    protected void release(RevocationChannel channel) {
        buses.close(channel);
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

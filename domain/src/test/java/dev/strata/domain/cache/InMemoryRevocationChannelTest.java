package dev.strata.domain.cache;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.domain.shared.Revocation;
import dev.strata.domain.shared.RevocationChannelContract;
import dev.strata.domain.shared.TenantId;
import dev.strata.domain.shared.port.RevocationChannel;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The revocation channel contract on the in-memory fake, and that its two message types never mix. */
class InMemoryRevocationChannelTest extends RevocationChannelContract {
    private final InMemoryInvalidationBus.Channel channel = new InMemoryInvalidationBus.Channel();

    @Override
    protected RevocationChannel createSubject() {
        return new InMemoryInvalidationBus(channel);
    }

    @Override
    protected void release(RevocationChannel subject) {
        ((InMemoryInvalidationBus) subject).close();
    }

    @Test
    void revocationsAndInvalidationsReachOnlyTheirOwnListeners() {
        InMemoryInvalidationBus bus = (InMemoryInvalidationBus) peer;
        List<Object> invalidations = new CopyOnWriteArrayList<>();
        bus.subscribe((tenant, invalidation) -> invalidations.add(invalidation));
        Recorder revocations = listen(peer);
        TenantId tenant = newTenant();

        runAs(tenant, () -> revoker.revoke(Revocation.clients(Set.of("sc_client"))));
        runAs(tenant, () -> ((InMemoryInvalidationBus) revoker).publish(Invalidation.namespace(InvalidationBusContract.NS)));

        assertTrue(invalidations.equals(List.of(Invalidation.namespace(InvalidationBusContract.NS))), "got " + invalidations);
        revocations.next();
        assertTrue(revocations.received.isEmpty(), "got " + revocations.received);
    }
}

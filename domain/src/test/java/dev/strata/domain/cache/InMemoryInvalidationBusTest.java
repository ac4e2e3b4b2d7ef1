package dev.strata.domain.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.domain.cache.port.InvalidationBus;
import dev.strata.domain.shared.StoreUnavailableException;
import dev.strata.domain.shared.TenantId;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class InMemoryInvalidationBusTest extends InvalidationBusContract {
    private final InMemoryInvalidationBus.Channel channel = new InMemoryInvalidationBus.Channel();

    @Override
    protected InvalidationBus createSubject() {
        return new InMemoryInvalidationBus(channel);
    }

    @Override
    protected void release(InvalidationBus bus) {
        ((InMemoryInvalidationBus) bus).close();
    }

    @Test
    void aDisconnectedBusTellsItsListenersSendsNothingAndMissesWhatWasSent() {
        InMemoryInvalidationBus lost = (InMemoryInvalidationBus) peer;
        Recorder recorder = new Recorder();
        lost.subscribe(recorder);
        List<Boolean> changes = recorder.connectionChanges;
        TenantId tenant = newTenant();

        lost.disconnect();
        assertFalse(lost.connected());
        assertEquals(List.of(false), changes);
        assertThrows(StoreUnavailableException.class,
                () -> runAs(tenant, () -> lost.publish(Invalidation.namespace(NS))));
        runAs(tenant, () -> publisher.publish(Invalidation.keys(NS, Set.of("missed"))));
        assertTrue(recorder.received.isEmpty());

        lost.reconnect();
        assertTrue(lost.connected());
        assertEquals(List.of(false, true), changes);
        runAs(tenant, () -> publisher.publish(Invalidation.keys(NS, Set.of("seen"))));
        assertEquals(Invalidation.keys(NS, Set.of("seen")), recorder.next().invalidation());
    }
}

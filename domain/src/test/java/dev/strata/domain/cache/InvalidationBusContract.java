package dev.strata.domain.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.strata.domain.cache.port.InvalidationBus;
import dev.strata.domain.shared.ContractSupport;
import dev.strata.domain.shared.ResourceName;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract test of {@link InvalidationBus}: the in-memory fake and the Redis adapter extend it. Every test
 * uses two instances on one channel, as two application instances sharing one Redis.
 */
public abstract class InvalidationBusContract extends ContractSupport {
    /** How long a test waits for an asynchronous delivery before failing. */
    protected static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(10);
    protected static final ResourceName NS = new ResourceName("products");

    private final List<InvalidationBus> created = new ArrayList<>();
    protected InvalidationBus publisher;
    protected InvalidationBus peer;

    /**
     * Hook: a new bus instance; every call within one test must return an instance on the same channel
     * (as separate application instances would be), each with its own connection.
     */
    protected abstract InvalidationBus createSubject();

    /** Hook: releases a bus made by {@link #createSubject()} (close its connections). Default: nothing. */
    protected void release(InvalidationBus bus) {
    }

    @BeforeEach
    void createBuses() {
        publisher = track(createSubject());
        peer = track(createSubject());
    }

    @AfterEach
    void releaseBuses() {
        created.forEach(this::release);
        created.clear();
    }

    private InvalidationBus track(InvalidationBus bus) {
        created.add(bus);
        return bus;
    }

    /** One received message. */
    protected record Received(TenantId tenant, Invalidation invalidation, boolean hadTenantContext) {
    }

    /** A listener that queues what it receives. */
    protected static final class Recorder implements InvalidationBus.Listener {
        public Recorder() {
        }

        protected final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
        /** Every connection change the bus announced, in order. */
        public final java.util.List<Boolean> connectionChanges = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void onConnectionChange(boolean connected) {
            connectionChanges.add(connected);
        }

        @Override
        public void onInvalidation(TenantId tenant, Invalidation invalidation) {
            received.add(new Received(tenant, invalidation, TenantContext.current().isPresent()));
        }

        public Received next() {
            try {
                Received message = received.poll(DELIVERY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                if (message == null) {
                    fail("no invalidation arrived within " + DELIVERY_TIMEOUT);
                }
                return message;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    protected Recorder subscribe(InvalidationBus bus) {
        Recorder recorder = new Recorder();
        assertNotNull(bus.subscribe(recorder));
        return recorder;
    }

    @Test
    void aPeerReceivesTheInvalidationWithThePublishersTenant() {
        Recorder recorder = subscribe(peer);
        TenantId tenant = newTenant();
        Invalidation invalidation = Invalidation.keys(NS, Set.of("p-1", "p-2"));
        runAs(tenant, () -> publisher.publish(invalidation));

        Received received = recorder.next();
        assertEquals(tenant, received.tenant());
        assertEquals(invalidation, received.invalidation());
        assertTrue(!received.hadTenantContext(), "listeners run outside any tenant context");
    }

    @Test
    void everyKindOfInvalidationArrivesIntact() {
        Recorder recorder = subscribe(peer);
        TenantId tenant = newTenant();
        List<Invalidation> sent = List.of(
                Invalidation.keys(NS, Set.of("ключ/with spaces", "emoji 😀", "nul\u0000inside", "tab\tnewline\n")),
                Invalidation.prefix(NS, "user:1:"),
                Invalidation.tagged(NS, Set.of(new Tag("catalog"), new Tag("user:42"))),
                Invalidation.namespace(new ResourceName("other.ns_1")));
        runAs(tenant, () -> sent.forEach(publisher::publish));
        for (Invalidation expected : sent) {
            Received received = recorder.next();
            assertEquals(expected, received.invalidation());
            assertEquals(tenant, received.tenant());
        }
    }

    @Test
    void invalidationsFromOnePublisherArriveInOrder() {
        Recorder recorder = subscribe(peer);
        TenantId tenant = newTenant();
        for (int i = 0; i < 20; i++) {
            Invalidation invalidation = Invalidation.keys(NS, Set.of("k" + i));
            runAs(tenant, () -> publisher.publish(invalidation));
        }
        for (int i = 0; i < 20; i++) {
            assertEquals(Invalidation.keys(NS, Set.of("k" + i)), recorder.next().invalidation());
        }
    }

    @Test
    void eachInvalidationCarriesItsOwnTenant() {
        Recorder recorder = subscribe(peer);
        TenantId a = newTenant();
        TenantId b = newTenant();
        runAs(a, () -> publisher.publish(Invalidation.keys(NS, Set.of("of-a"))));
        runAs(b, () -> publisher.publish(Invalidation.keys(NS, Set.of("of-b"))));
        runAs(a, () -> peer.publish(Invalidation.keys(NS, Set.of("of-a-from-peer"))));

        Received first = recorder.next();
        Received second = recorder.next();
        Received third = recorder.next();
        assertEquals(a, first.tenant());
        assertEquals(Invalidation.keys(NS, Set.of("of-a")), first.invalidation());
        assertEquals(b, second.tenant());
        assertEquals(Invalidation.keys(NS, Set.of("of-b")), second.invalidation());
        assertEquals(a, third.tenant());
        assertEquals(Invalidation.keys(NS, Set.of("of-a-from-peer")), third.invalidation());
    }

    @Test
    void everyListenerOfAnInstanceReceives() {
        Recorder one = subscribe(peer);
        Recorder two = subscribe(peer);
        TenantId tenant = newTenant();
        runAs(tenant, () -> publisher.publish(Invalidation.namespace(NS)));
        assertEquals(Invalidation.namespace(NS), one.next().invalidation());
        assertEquals(Invalidation.namespace(NS), two.next().invalidation());
    }

    @Test
    void aClosedSubscriptionReceivesNothingMore() {
        Recorder closed = new Recorder();
        InvalidationBus.Subscription subscription = peer.subscribe(closed);
        Recorder open = subscribe(peer);
        TenantId tenant = newTenant();

        runAs(tenant, () -> publisher.publish(Invalidation.keys(NS, Set.of("before"))));
        assertEquals(Invalidation.keys(NS, Set.of("before")), closed.next().invalidation());
        assertEquals(Invalidation.keys(NS, Set.of("before")), open.next().invalidation());

        subscription.close();
        runAs(tenant, () -> publisher.publish(Invalidation.keys(NS, Set.of("after"))));
        assertEquals(Invalidation.keys(NS, Set.of("after")), open.next().invalidation());
        assertTrue(closed.received.isEmpty(), "the closed listener got " + closed.received);
    }

    @Test
    void aWorkingBusSaysItIsConnected() {
        subscribe(peer);
        awaitTrue(publisher::connected, "publisher connected");
        awaitTrue(peer::connected, "peer connected");
        awaitTrue(publisher::current, "publisher current");
        awaitTrue(peer::current, "peer current");
        assertFalse(publisher.maxStaleness().isNegative());
    }

    @Test
    void publishingOutsideATenantContextIsRefused() {
        assertThrows(IllegalStateException.class, () -> publisher.publish(Invalidation.namespace(NS)));
    }

    protected static void awaitTrue(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + DELIVERY_TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not true within " + DELIVERY_TIMEOUT + ": " + what);
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

package dev.strata.domain.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.strata.domain.shared.port.RevocationChannel;
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
 * Contract test of {@link RevocationChannel}: the in-memory fake and the Redis adapter extend it. Every test
 * uses two instances on one channel, as two application instances sharing one Redis.
 */
public abstract class RevocationChannelContract extends ContractSupport {
    /** How long a test waits for an asynchronous delivery before failing. */
    protected static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(10);

    private final List<RevocationChannel> created = new ArrayList<>();
    protected RevocationChannel revoker;
    protected RevocationChannel peer;

    /** Hook: a new channel instance; every call within one test must return one on the same medium. */
    protected abstract RevocationChannel createSubject();

    /** Hook: releases a channel made by {@link #createSubject()}. Default: nothing. */
    protected void release(RevocationChannel channel) {
    }

    @BeforeEach
    void createChannels() {
        revoker = track(createSubject());
        peer = track(createSubject());
    }

    @AfterEach
    void releaseChannels() {
        created.forEach(this::release);
        created.clear();
    }

    private RevocationChannel track(RevocationChannel channel) {
        created.add(channel);
        return channel;
    }

    /** One received revocation. */
    protected record Received(TenantId tenant, Revocation revocation, boolean hadTenantContext) {
    }

    /** A listener that queues what it receives. */
    protected static final class Recorder implements RevocationChannel.Listener {
        public final BlockingQueue<Received> received = new LinkedBlockingQueue<>();

        @Override
        public void onRevocation(TenantId tenant, Revocation revocation) {
            received.add(new Received(tenant, revocation, TenantContext.current().isPresent()));
        }

        public Received next() {
            try {
                Received message = received.poll(DELIVERY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                if (message == null) {
                    fail("no revocation arrived within " + DELIVERY_TIMEOUT);
                }
                return message;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    protected Recorder listen(RevocationChannel channel) {
        Recorder recorder = new Recorder();
        assertNotNull(channel.listen(recorder));
        return recorder;
    }

    @Test
    void aPeerHearsTheRevocationWithTheRevokersTenant() {
        Recorder recorder = listen(peer);
        TenantId tenant = newTenant();
        Revocation revocation = Revocation.clients(Set.of("sc_client-1"));
        runAs(tenant, () -> revoker.revoke(revocation));

        Received received = recorder.next();
        assertEquals(tenant, received.tenant());
        assertEquals(revocation, received.revocation());
        assertFalse(received.hadTenantContext(), "listeners run outside any tenant context");
    }

    @Test
    void bothKindsArriveIntactAndInOrder() {
        Recorder recorder = listen(peer);
        TenantId a = newTenant();
        TenantId b = newTenant();
        List<Revocation> sent = List.of(
                Revocation.sessions(Set.of("session-1", "session-2", "ünïcode session")),
                Revocation.clients(Set.of("sc_client-2")),
                Revocation.sessions(Set.of("session-3")));
        runAs(a, () -> revoker.revoke(sent.get(0)));
        runAs(b, () -> revoker.revoke(sent.get(1)));
        runAs(a, () -> revoker.revoke(sent.get(2)));
        assertEquals(new Received(a, sent.get(0), false), recorder.next());
        assertEquals(new Received(b, sent.get(1), false), recorder.next());
        assertEquals(new Received(a, sent.get(2), false), recorder.next());
    }

    @Test
    void secretRevocationsArriveIntactBesideTheOtherKinds() {
        Recorder recorder = listen(peer);
        TenantId tenant = newTenant();
        List<Revocation> sent = List.of(
                Revocation.secrets(Set.of("db-password", "api-key")),
                Revocation.sessions(Set.of("db-password")),
                Revocation.secrets(Set.of("stripe-key")));
        sent.forEach(revocation -> runAs(tenant, () -> revoker.revoke(revocation)));
        for (Revocation revocation : sent) {
            assertEquals(new Received(tenant, revocation, false), recorder.next());
        }
    }

    @Test
    void theRevokerHearsItsOwnRevocation() {
        Recorder recorder = listen(revoker);
        TenantId tenant = newTenant();
        runAs(tenant, () -> revoker.revoke(Revocation.sessions(Set.of("own-session"))));
        assertEquals(Revocation.sessions(Set.of("own-session")), recorder.next().revocation());
    }

    @Test
    void aClosedSubscriptionHearsNothingMore() {
        Recorder closed = new Recorder();
        RevocationChannel.Subscription subscription = peer.listen(closed);
        Recorder open = listen(peer);
        TenantId tenant = newTenant();
        subscription.close();
        runAs(tenant, () -> revoker.revoke(Revocation.clients(Set.of("after"))));
        assertEquals(Revocation.clients(Set.of("after")), open.next().revocation());
        assertTrue(closed.received.isEmpty(), "the closed listener got " + closed.received);
    }

    @Test
    void aWorkingChannelIsCurrent() {
        listen(peer);
        awaitTrue(revoker::current, "revoker current");
        awaitTrue(peer::current, "peer current");
        assertFalse(peer.maxStaleness().isNegative());
    }

    @Test
    void revokingOutsideATenantContextIsRefused() {
        assertThrows(IllegalStateException.class, () -> revoker.revoke(Revocation.clients(Set.of("sc_x"))));
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

package dev.strata.domain.cache;

import dev.strata.domain.cache.port.InvalidationBus;
import dev.strata.domain.shared.Revocation;
import dev.strata.domain.shared.StoreUnavailableException;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import dev.strata.domain.shared.port.RevocationChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * In-memory fake of {@link InvalidationBus} and of {@link RevocationChannel} (one medium for both, as in Redis,
 * with message types of their own). Buses built on the same {@link Channel} hear each other, like
 * instances sharing one Redis. Delivery is synchronous (deterministic tests), on the publisher's thread but
 * outside any tenant context, as a real bus delivers. Tests can {@link #disconnect()} and {@link #reconnect()}.
 */
public final class InMemoryInvalidationBus implements InvalidationBus, RevocationChannel {
    /** The shared medium: every bus on one channel receives what any of them publishes. */
    public static final class Channel {
        private final List<InMemoryInvalidationBus> buses = new CopyOnWriteArrayList<>();
    }

    private final Channel channel;
    private final List<InvalidationBus.Listener> listeners = new CopyOnWriteArrayList<>();
    private final List<RevocationChannel.Listener> revocationListeners = new CopyOnWriteArrayList<>();
    private volatile boolean connected = true;

    /** A bus alone on its own channel. */
    public InMemoryInvalidationBus() {
        this(new Channel());
    }

    public InMemoryInvalidationBus(Channel channel) {
        this.channel = channel;
        channel.buses.add(this);
    }

    @Override
    public void publish(Invalidation invalidation) {
        TenantId tenant = TenantContext.require();
        if (!connected) {
            throw new StoreUnavailableException("redis", "invalidation channel is disconnected", null);
        }
        for (InMemoryInvalidationBus bus : channel.buses) {
            bus.deliver(tenant, invalidation);
        }
    }

    @Override
    public InvalidationBus.Subscription subscribe(InvalidationBus.Listener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public void revoke(Revocation revocation) {
        TenantId tenant = TenantContext.require();
        if (!connected) {
            throw new StoreUnavailableException("redis", "revocation channel is disconnected", null);
        }
        for (InMemoryInvalidationBus bus : channel.buses) {
            bus.deliver(tenant, revocation);
        }
    }

    @Override
    public RevocationChannel.Subscription listen(RevocationChannel.Listener listener) {
        revocationListeners.add(listener);
        return () -> revocationListeners.remove(listener);
    }

    @Override
    public boolean connected() {
        return connected;
    }

    @Override
    public boolean current() {
        return connected;
    }

    @Override
    public Duration maxStaleness() {
        return Duration.ZERO;
    }

    /** Loses the channel: nothing is sent or received until {@link #reconnect()}; listeners are told. */
    public void disconnect() {
        connected = false;
        listeners.forEach(listener -> listener.onConnectionChange(false));
        revocationListeners.forEach(listener -> listener.onConnectionChange(false));
    }

    /** Gets the channel back; listeners are told (what was published meanwhile is lost, as with Pub/Sub). */
    public void reconnect() {
        connected = true;
        listeners.forEach(listener -> listener.onConnectionChange(true));
        revocationListeners.forEach(listener -> listener.onConnectionChange(true));
    }

    /** Leaves the channel for good. */
    public void close() {
        channel.buses.remove(this);
        listeners.clear();
        revocationListeners.clear();
    }

    private void deliver(TenantId tenant, Invalidation invalidation) {
        if (!connected) {
            return;
        }
        TenantId publisherContext = TenantContext.swap(null);
        try {
            for (InvalidationBus.Listener listener : listeners) {
                try {
                    listener.onInvalidation(tenant, invalidation);
                } catch (RuntimeException e) {
                    // one failing listener must not starve the others, as with a real subscriber loop
                }
            }
        } finally {
            TenantContext.swap(publisherContext);
        }
    }

    private void deliver(TenantId tenant, Revocation revocation) {
        if (!connected) {
            return;
        }
        TenantId publisherContext = TenantContext.swap(null);
        try {
            for (RevocationChannel.Listener listener : revocationListeners) {
                try {
                    listener.onRevocation(tenant, revocation);
                } catch (RuntimeException e) {
                    // one failing listener must not starve the others
                }
            }
        } finally {
            TenantContext.swap(publisherContext);
        }
    }
}

package dev.strata.domain.cache.port;

import dev.strata.domain.cache.Invalidation;
import dev.strata.domain.shared.TenantId;
import java.time.Duration;

/**
 * Driven port: the broadcast channel (Redis Pub/Sub) on which instances tell each other to drop
 * in-memory cache entries. Delivery is asynchronous and at most once; an instance that was
 * disconnected cannot know what it missed, so it must stop trusting its in-memory tier until
 * {@link #connected()} is true again and then flush it.
 */
public interface InvalidationBus {
    /**
     * Broadcasts an invalidation for the current tenant to every subscribed instance (this one included).
     * Throws {@link dev.strata.domain.shared.StoreUnavailableException} when the channel is down.
     */
    void publish(Invalidation invalidation);

    /**
     * Starts delivering every instance's invalidations, of all tenants, to {@code listener}; returns once
     * delivery has started, so nothing published afterwards is missed while connected.
     */
    Subscription subscribe(Listener listener);

    /** True while invalidations can be both sent and received. */
    boolean connected();

    /**
     * True while this instance has applied everything that any instance published more than
     * {@link #maxStaleness()} ago (the channel is connected and its heartbeat keeps up). What is held in
     * memory may be served only while this is true; being connected alone is not enough, since messages
     * can be late.
     */
    boolean current();

    /**
     * The bound behind {@link #current()}: once a publication has been acknowledged and this much time has
     * passed, no current instance still serves what it invalidated.
     */
    Duration maxStaleness();

    /** Receives invalidations; called on the bus's own thread, outside any tenant context. */
    interface Listener {
        void onInvalidation(TenantId tenant, Invalidation invalidation);

        /** The channel was lost ({@code false}) or is back ({@code true}); messages in between are lost. */
        default void onConnectionChange(boolean connected) {
        }
    }

    /** An active subscription; closing it stops delivery to its listener. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}

package dev.strata.domain.shared.port;

import dev.strata.domain.shared.Revocation;
import dev.strata.domain.shared.TenantId;
import java.time.Duration;

/**
 * Driven port: the coherence channel on which instances tell each other that credentials were revoked, so that
 * no instance keeps vouching for them from memory. Delivery is asynchronous and at most once; an instance that
 * was disconnected cannot know what it missed, so it trusts its memory only while {@link #current()}.
 */
public interface RevocationChannel {
    /**
     * Broadcasts a revocation for the current tenant to every listening instance (this one included).
     * Throws {@link dev.strata.domain.shared.StoreUnavailableException} when the channel is down.
     */
    void revoke(Revocation revocation);

    /** Starts delivering every instance's revocations, of all tenants, to {@code listener}. */
    Subscription listen(Listener listener);

    /**
     * True while this instance has applied every revocation that any instance broadcast more than
     * {@link #maxStaleness()} ago; memory may vouch for a credential only while this is true.
     */
    boolean current();

    /** The bound behind {@link #current()}: a revoker that waits this long after broadcasting is obeyed everywhere. */
    Duration maxStaleness();

    /** Receives revocations; called on the channel's own thread, outside any tenant context. */
    interface Listener {
        void onRevocation(TenantId tenant, Revocation revocation);

        /** The channel was lost ({@code false}) or is back ({@code true}); revocations in between are lost. */
        default void onConnectionChange(boolean connected) {
        }
    }

    /** An active subscription; closing it stops delivery to its listener. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}

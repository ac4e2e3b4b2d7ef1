package dev.strata.domain.events.port;

import dev.strata.domain.shared.TenantId;
import java.time.Duration;
import java.util.Collection;

/**
 * Driven port: the live-event streams (SSE) each tenant holds open, shared by every instance. A stream is a
 * lease: it counts until it is closed or until its lease runs out unrefreshed (an instance that died stops
 * refreshing, so its streams stop counting). Faults surface as
 * {@link dev.strata.domain.shared.StoreUnavailableException}.
 */
public interface OpenStreams {
    /** Counts the stream for the tenant unless it already holds {@code limit} live ones; true when counted. */
    boolean tryOpen(TenantId tenant, String streamId, long limit, Duration lease);

    /** Extends the leases of the tenant's streams (and counts again any the store had lost). */
    void refresh(TenantId tenant, Collection<String> streamIds, Duration lease);

    /** Stops counting the stream. */
    void close(TenantId tenant, String streamId);
}

package dev.strata.application.events;

import dev.strata.application.events.port.AcquireStreamSlotUseCase;
import dev.strata.domain.events.port.OpenStreams;
import dev.strata.domain.shared.Quota;
import dev.strata.domain.shared.QuotaExceededException;
import dev.strata.domain.shared.RandomTokens;
import dev.strata.domain.shared.StoreUnavailableException;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Service implementing {@link AcquireStreamSlotUseCase}: the tenant's open streams are counted in the shared
 * store ({@link OpenStreams}) as leases that this instance refreshes every third of the lease while its
 * streams are open, so a crashed instance's streams stop counting after one lease. This instance also counts
 * its own streams per tenant: when the shared store cannot be reached, a tenant may open up to the quota here
 * (the bound is then the quota per instance), and the heartbeat puts them into the shared count once it is back.
 */
public final class StreamSlotService implements AcquireStreamSlotUseCase, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(StreamSlotService.class.getName());

    private final OpenStreams shared;
    private final Quota quota;
    private final Duration lease;
    /** Streams open on this instance, per tenant (entries leave with their last stream); sets change only inside compute. */
    private final Map<TenantId, Set<String>> open = new ConcurrentHashMap<>();
    private final ScheduledExecutorService heartbeat;

    public StreamSlotService(OpenStreams shared, Quota quota, Duration lease) {
        if (lease.toMillis() < 3) {
            throw new IllegalArgumentException("lease must be at least 3ms");
        }
        this.shared = shared;
        this.quota = quota;
        this.lease = lease;
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "strata-events-stream-slots");
            thread.setDaemon(true);
            return thread;
        });
        long every = Math.max(1, lease.toMillis() / 3);
        heartbeat.scheduleWithFixedDelay(this::refreshSafely, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public StreamSlot acquire() {
        TenantId tenant = TenantContext.require();
        String id = RandomTokens.next(16);
        // taken here first (atomically per tenant), so concurrent opens never pass the local bound together
        AtomicBoolean taken = new AtomicBoolean();
        open.compute(tenant, (t, ids) -> {
            Set<String> mine = ids == null ? new HashSet<>() : ids;
            if (mine.size() >= quota.limit()) {
                return ids;
            }
            mine.add(id);
            taken.set(true);
            return mine;
        });
        if (!taken.get()) {
            throw new QuotaExceededException(quota);
        }
        boolean admitted;
        try {
            admitted = shared.tryOpen(tenant, id, quota.limit(), lease);
        } catch (StoreUnavailableException e) {
            // degraded: this instance's own count is the bound
            admitted = true;
        }
        if (!admitted) {
            forget(tenant, id);
            throw new QuotaExceededException(quota);
        }
        AtomicBoolean closed = new AtomicBoolean();
        return () -> {
            if (closed.compareAndSet(false, true)) {
                release(tenant, id);
            }
        };
    }

    /** Streams of the tenant open on this instance. */
    public int openHere(TenantId tenant) {
        return snapshot(tenant).size();
    }

    private List<String> snapshot(TenantId tenant) {
        List<List<String>> copy = new ArrayList<>(1);
        open.computeIfPresent(tenant, (t, ids) -> {
            copy.add(List.copyOf(ids));
            return ids;
        });
        return copy.isEmpty() ? List.of() : copy.get(0);
    }

    private void release(TenantId tenant, String id) {
        forget(tenant, id);
        try {
            shared.close(tenant, id);
        } catch (StoreUnavailableException e) {
            // its lease runs out on its own
        }
    }

    private void forget(TenantId tenant, String id) {
        open.computeIfPresent(tenant, (t, ids) -> {
            ids.remove(id);
            return ids.isEmpty() ? null : ids;
        });
    }

    private void refreshSafely() {
        for (TenantId tenant : List.copyOf(open.keySet())) {
            List<String> ids = snapshot(tenant);
            try {
                shared.refresh(tenant, ids, lease);
            } catch (StoreUnavailableException e) {
                return;
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "refreshing open streams failed", e);
            }
        }
    }

    @Override
    public void close() {
        heartbeat.shutdownNow();
    }
}

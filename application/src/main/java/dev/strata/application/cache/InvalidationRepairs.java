package dev.strata.application.cache;

import dev.strata.domain.cache.Invalidation;
import dev.strata.domain.cache.port.CacheLeases;
import dev.strata.domain.cache.port.CacheStore;
import dev.strata.domain.cache.port.InvalidationBus;
import dev.strata.domain.shared.StoreUnavailableException;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Invalidations that could not reach Redis (the L2 delete, the broadcast) are queued and replayed on their own
 * thread until Redis takes them, so an instance that lost Redis for a moment repairs L2 and its peers once
 * Redis answers again. The queue is bounded: beyond it an invalidation is dropped with a warning (the peers
 * flush their L1 when their channel returns anyway, and L2 entries age out by TTL).
 */
final class InvalidationRepairs implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(CacheService.class.getName());
    static final int MAX_REPAIRS = 100_000;

    /** An invalidation still owed to Redis: the L2 delete (unless L2 already took the write) and the broadcast. */
    private record Repair(TenantId tenant, Invalidation invalidation, boolean deleteInL2) {
    }

    private final CacheStore l2;
    private final CacheLeases leases;
    private final InvalidationBus bus;
    private final int maxRepairs;
    private final ConcurrentLinkedQueue<Repair> repairs = new ConcurrentLinkedQueue<>();
    private final AtomicInteger repairCount = new AtomicInteger();
    private ScheduledExecutorService scheduler;

    InvalidationRepairs(CacheStore l2, CacheLeases leases, InvalidationBus bus) {
        this(l2, leases, bus, MAX_REPAIRS);
    }

    InvalidationRepairs(CacheStore l2, CacheLeases leases, InvalidationBus bus, int maxRepairs) {
        this.l2 = l2;
        this.leases = leases;
        this.bus = bus;
        this.maxRepairs = maxRepairs;
    }

    /** Starts replaying the queue every {@code interval} on a daemon thread of its own. */
    synchronized void start(Duration interval) {
        if (scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "strata-cache-repair");
            thread.setDaemon(true);
            return thread;
        });
        long every = interval.toMillis();
        scheduler.scheduleWithFixedDelay(this::repairSafely, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    /** Broadcasts the invalidation; when the channel is down, queues the broadcast (L2 already holds the truth). */
    void broadcast(TenantId tenant, Invalidation invalidation) {
        try {
            bus.publish(invalidation);
        } catch (StoreUnavailableException e) {
            // L2 already holds the truth; only the broadcast is owed
            enqueue(new Repair(tenant, invalidation, false));
        }
    }

    /** Queues the whole invalidation for Redis: the L2 delete, the leases and the broadcast. */
    void queue(TenantId tenant, Invalidation invalidation) {
        enqueue(new Repair(tenant, invalidation, true));
    }

    /** Invalidations waiting to reach Redis. */
    int pending() {
        return repairCount.get();
    }

    private void enqueue(Repair repair) {
        if (repairCount.incrementAndGet() > maxRepairs) {
            repairCount.decrementAndGet();
            // too much to replay one by one: the peers flush their L1 when their channel returns anyway,
            // and L2 entries age out by TTL; say so loudly
            LOG.log(System.Logger.Level.WARNING, "cache repair queue full; an invalidation of L2 is dropped");
            return;
        }
        repairs.add(repair);
    }

    private void repairSafely() {
        try {
            repair();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cache repair failed: " + e.getClass().getSimpleName());
        }
    }

    /** Replays queued invalidations against Redis (L2 delete, leases, broadcast) in order until Redis refuses one. */
    void repair() {
        Repair next;
        while ((next = repairs.peek()) != null) {
            Repair repair = next;
            try {
                TenantContext.runAs(repair.tenant(), () -> {
                    if (repair.deleteInL2()) {
                        TierDeletes.delete(l2, repair.invalidation());
                    }
                    TierDeletes.voidLeases(leases, repair.invalidation());
                    bus.publish(repair.invalidation());
                });
            } catch (StoreUnavailableException e) {
                return;
            }
            repairs.poll();
            repairCount.decrementAndGet();
        }
    }
}

package dev.strata.application.cache;

import dev.strata.domain.cache.CacheEntry;
import dev.strata.domain.cache.CacheKey;
import dev.strata.domain.cache.Invalidation;
import dev.strata.domain.cache.NamespaceSettings;
import dev.strata.domain.cache.port.InvalidationBus;
import dev.strata.domain.cache.port.LocalCacheTier;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Keeps this instance's L1 coherent with the other instances, and is the listener of the invalidation
 * channel. (1) L1 is only trusted while the channel is current (connected, and its heartbeat back within
 * {@code max-staleness}); losing it flushes L1, and durable namespaces then bypass L1 until the channel is
 * back (and L1 flushed again). (2) A fill of L1 re-checks a generation counter (per key stripe, and a global
 * one for prefix, tag and namespace invalidations) after putting, and drops what it put if an invalidation
 * arrived meanwhile, so a slow reader never re-inserts a value that was just invalidated. Every
 * invalidation applied here also wakes the readers waiting for a fill.
 */
final class L1Coherence implements InvalidationBus.Listener {
    private static final System.Logger LOG = System.getLogger(CacheService.class.getName());
    private static final int STRIPES = 4096;

    /** What a reader saw of the generations before it read a tier below L1. */
    record Generation(long global, long key) {
    }

    private final LocalCacheTier l1;
    private final InvalidationBus bus;
    private final NamespaceSettingsMemo settings;
    private final AtomicLong globalGeneration = new AtomicLong();
    private final AtomicLongArray keyGenerations = new AtomicLongArray(STRIPES);
    private final Object fillSignal = new Object();
    private volatile boolean trusted;

    L1Coherence(LocalCacheTier l1, InvalidationBus bus, NamespaceSettingsMemo settings) {
        this.l1 = l1;
        this.bus = bus;
        this.settings = settings;
    }

    /** Takes the channel's state as it is now; called once the listener is subscribed. */
    void subscribed() {
        trusted = bus.connected();
    }

    /**
     * True while this instance may serve durable namespaces from L1: the channel is current (everything
     * published more than {@code max-staleness} ago has been applied here) and L1 was flushed since it was
     * last lost. This is what makes the staleness bound hold, not just the usual delivery speed.
     */
    boolean coherent() {
        return trusted && bus.current();
    }

    /**
     * False from the moment this instance has acted on a lost invalidation channel (L1 flushed, durable
     * namespaces bypassing it) until the channel is back and L1 flushed again.
     */
    boolean trusted() {
        return trusted;
    }

    /** Whether a read of the namespace may look at L1 now. */
    boolean readable(NamespaceSettings settings) {
        // a non-durable namespace has no tier below Redis: without Redis this instance's L1 is all there is
        return settings.l1Enabled() && (coherent() || !settings.durable());
    }

    Generation generation(CacheKey key) {
        return generation(TenantContext.require(), key);
    }

    Generation generation(TenantId tenant, CacheKey key) {
        long global = globalGeneration.get();
        return new Generation(global, keyGenerations.get(stripe(tenant, key)));
    }

    /** Fills L1 with what a read found below it, unless an invalidation arrived since {@code before}. */
    void fill(CacheEntry entry, NamespaceSettings settings, Generation before) {
        if (!settings.l1Enabled() || !coherent()) {
            return;
        }
        l1.put(entry, settings.l1Ttl(), settings.l1MaxEntries());
        // an invalidation that arrived while we were reading may have missed what we just put
        if (!generation(entry.key()).equals(before)) {
            l1.drop(entry.key());
        }
    }

    /** Fills L1 with what this instance just wrote (and invalidated everywhere). */
    void fillAfterWrite(CacheEntry entry, NamespaceSettings settings) {
        fill(entry, settings, generation(entry.key()));
    }

    /** Applies an invalidation here: generations, settings copy, L1, and the waiting readers. */
    void apply(TenantId tenant, Invalidation invalidation) {
        if (invalidation instanceof Invalidation.Keys keys) {
            for (String key : keys.keys()) {
                keyGenerations.incrementAndGet(stripe(tenant, new CacheKey(keys.namespace(), key)));
            }
        } else {
            globalGeneration.incrementAndGet();
        }
        if (invalidation instanceof Invalidation.Namespace) {
            settings.forget(tenant, invalidation.namespace());
        }
        l1.drop(tenant, invalidation);
        synchronized (fillSignal) {
            fillSignal.notifyAll();
        }
    }

    /**
     * Waits until an invalidation is applied here (a fill is one) or {@code millis} have passed; false when
     * the waiting thread was interrupted (its flag set again).
     */
    boolean awaitInvalidation(long millis) {
        synchronized (fillSignal) {
            try {
                fillSignal.wait(millis);
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    @Override
    public void onInvalidation(TenantId tenant, Invalidation invalidation) {
        apply(tenant, invalidation);
    }

    @Override
    public void onConnectionChange(boolean connected) {
        if (connected) {
            // what was published while we were away is lost: flush, then trust again
            globalGeneration.incrementAndGet();
            l1.clear();
            settings.clear();
            trusted = true;
            LOG.log(System.Logger.Level.INFO, "cache invalidation channel is back; L1 flushed and trusted again");
        } else {
            trusted = false;
            globalGeneration.incrementAndGet();
            l1.clear();
            LOG.log(System.Logger.Level.WARNING, "cache invalidation channel lost; L1 bypassed for durable namespaces");
        }
    }

    private static int stripe(TenantId tenant, CacheKey key) {
        return (tenant.hashCode() * 31 + key.hashCode()) & (STRIPES - 1);
    }
}

package dev.strata.application.sessions;

import dev.strata.domain.cache.Invalidation;
import dev.strata.domain.cache.port.InvalidationBus;
import dev.strata.domain.shared.ResourceName;
import dev.strata.domain.shared.StoreUnavailableException;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Application component: this instance's memory of principals found allowed — service clients that
 * still exist, end-user sessions that are still live — so that the per-request check behind every token
 * is answered from memory, on the thread that has the request, with no Redis read.
 *
 * <p>It is an in-process tier kept coherent the way the cache's L1 is, over the same channel
 * ({@link InvalidationBus}, reserved namespace {@value #NAMESPACE}). Three rules keep "a revoked token
 * fails at once on every instance":
 * <ol>
 *   <li>Memory answers only while the channel is {@linkplain InvalidationBus#current() current}: this
 *   instance has applied everything published more than {@linkplain InvalidationBus#maxStaleness() the
 *   bound} ago. Otherwise the caller asks the stores.</li>
 *   <li>A revocation ({@link #revoke}) is recorded in the stores first, then broadcast, and returns only
 *   after the bound has passed: by then every instance has either dropped the entry or stopped trusting
 *   its memory. The call that revokes is acknowledged only after that.</li>
 *   <li>A fill re-checks a generation counter, so a check that raced with a revocation never puts the
 *   revoked principal back; losing the channel clears everything.</li>
 * </ol>
 * Only positive answers are kept, for at most {@code entryLife} (and never past a session's expiry): a
 * revocation whose broadcast could not be sent is retried in the background, and the entry life bounds
 * the worst case, as the "active" record in Redis already does.
 */
public final class AccessView implements AutoCloseable {
    /** The reserved cache namespace on which revocations travel. */
    public static final String NAMESPACE = "strata.access";
    private static final ResourceName CHANNEL_NAMESPACE = new ResourceName(NAMESPACE);
    private static final System.Logger LOG = System.getLogger(AccessView.class.getName());
    private static final String CLIENT = "c:";
    private static final String SESSION = "s:";
    private static final Duration RETRY_EVERY = Duration.ofMillis(500);

    private final InvalidationBus bus;
    private final long entryLifeNanos;
    private final int maxEntries;
    private final LongSupplier nanoClock;
    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "strata-access-revocations");
        thread.setDaemon(true);
        return thread;
    });
    private volatile InvalidationBus.Subscription subscription;

    private record Key(TenantId tenant, String item) {
    }

    /** What memory holds: the subject the principal belongs to, and until when it may be trusted. */
    private record Entry(String subject, long trustedUntilNanos) {
    }

    public AccessView(InvalidationBus bus, Duration entryLife, int maxEntries) {
        this(bus, entryLife, maxEntries, System::nanoTime);
    }

    AccessView(InvalidationBus bus, Duration entryLife, int maxEntries, LongSupplier nanoClock) {
        this.bus = bus;
        this.entryLifeNanos = entryLife.toNanos();
        this.maxEntries = maxEntries;
        this.nanoClock = nanoClock;
    }

    /** Subscribes to the channel; call once before use. */
    public synchronized AccessView start() {
        if (subscription == null) {
            subscription = bus.subscribe(new InvalidationBus.Listener() {
                @Override
                public void onInvalidation(TenantId tenant, Invalidation invalidation) {
                    if (invalidation instanceof Invalidation.Keys keys && keys.namespace().equals(CHANNEL_NAMESPACE)) {
                        generation.incrementAndGet();
                        keys.keys().forEach(item -> entries.remove(new Key(tenant, item)));
                    }
                }

                @Override
                public void onConnectionChange(boolean connected) {
                    // what was broadcast while the channel was away is lost: forget everything
                    generation.incrementAndGet();
                    entries.clear();
                }
            });
        }
        return this;
    }

    @Override
    public synchronized void close() {
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
        retries.shutdownNow();
    }

    // ---------------------------------------------------------------- reads (memory only, never block)

    /** True when memory knows the client of the current tenant as allowed; false means "ask the stores". */
    public boolean knowsClient(String clientId) {
        return knows(CLIENT + clientId, "");
    }

    /** True when memory knows the session as live and belonging to {@code userId}; false means "ask the stores". */
    public boolean knowsSession(String sessionId, String userId) {
        return knows(SESSION + sessionId, userId);
    }

    private boolean knows(String item, String subject) {
        if (!bus.current()) {
            return false;
        }
        Entry entry = entries.get(new Key(TenantContext.require(), item));
        return entry != null && entry.subject().equals(subject) && nanoClock.getAsLong() - entry.trustedUntilNanos() < 0;
    }

    // ---------------------------------------------------------------- fills (after a check against the stores)

    /** The generation to take before asking the stores, and to hand to the fill afterwards. */
    public long generation() {
        return generation.get();
    }

    /** Remembers a client the stores found allowed, unless a revocation arrived since {@code before}. */
    public void rememberClient(String clientId, long before) {
        remember(CLIENT + clientId, "", before, Long.MAX_VALUE);
    }

    /** Remembers a live session until at most its expiry, unless a revocation arrived since {@code before}. */
    public void rememberSession(String sessionId, String userId, Instant expiresAt, Instant now, long before) {
        long left = Duration.between(now, expiresAt).toNanos();
        if (left > 0) {
            remember(SESSION + sessionId, userId, before, left);
        }
    }

    private void remember(String item, String subject, long before, long maxLifeNanos) {
        if (!bus.current() || generation.get() != before) {
            return;
        }
        if (entries.size() >= maxEntries) {
            // bounded: a flood of distinct principals costs them a store read, never this instance's memory
            entries.clear();
        }
        Key key = new Key(TenantContext.require(), item);
        entries.put(key, new Entry(subject, nanoClock.getAsLong() + Math.min(entryLifeNanos, maxLifeNanos)));
        // a revocation that arrived while we were putting may have missed what we just put
        if (generation.get() != before) {
            entries.remove(key);
        }
    }

    // ---------------------------------------------------------------- revocations

    /**
     * Broadcasts that the current tenant's client was revoked, and returns once every instance has dropped it
     * or stopped trusting its memory. Call it after the revocation is recorded in the stores.
     */
    public void revokeClient(String clientId) {
        revoke(List.of(CLIENT + clientId));
    }

    /** As {@link #revokeClient}, for ended sessions. */
    public void revokeSessions(Collection<String> sessionIds) {
        revoke(sessionIds.stream().map(id -> SESSION + id).toList());
    }

    private void revoke(List<String> items) {
        if (items.isEmpty()) {
            return;
        }
        TenantId tenant = TenantContext.require();
        boolean allSent = true;
        for (Invalidation batch : batches(items)) {
            // this instance first: the request after ours must not find it here even if the broadcast fails
            generation.incrementAndGet();
            batchItems(batch).forEach(item -> entries.remove(new Key(tenant, item)));
            if (!send(tenant, batch)) {
                allSent = false;
                retryLater(tenant, batch, 1);
            }
        }
        if (allSent) {
            settle();
        }
    }

    private static List<Invalidation> batches(List<String> items) {
        List<Invalidation> batches = new ArrayList<>();
        for (int from = 0; from < items.size(); from += Invalidation.MAX_ITEMS) {
            Set<String> batch = new LinkedHashSet<>(items.subList(from, Math.min(items.size(), from + Invalidation.MAX_ITEMS)));
            batches.add(Invalidation.keys(CHANNEL_NAMESPACE, batch));
        }
        return batches;
    }

    private static Set<String> batchItems(Invalidation batch) {
        return ((Invalidation.Keys) batch).keys();
    }

    private boolean send(TenantId tenant, Invalidation batch) {
        try {
            TenantContext.runAs(tenant, () -> bus.publish(batch));
            return true;
        } catch (StoreUnavailableException e) {
            return false;
        }
    }

    private void retryLater(TenantId tenant, Invalidation batch, int attempt) {
        // Peers that cannot reach Redis are not current and ask the stores; peers that can will hear the
        // retry. After the entry life, nobody trusts an old entry anyway.
        if ((long) attempt * RETRY_EVERY.toNanos() > entryLifeNanos) {
            LOG.log(System.Logger.Level.WARNING, "access revocation broadcast given up after " + attempt
                    + " attempts; peers' memory entries expire on their own");
            return;
        }
        try {
            retries.schedule(() -> {
                if (!send(tenant, batch)) {
                    retryLater(tenant, batch, attempt + 1);
                }
            }, RETRY_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // shutting down
        }
    }

    /** Waits out the channel's bound, after which no instance serves what was published before it. */
    private void settle() {
        long millis = bus.maxStaleness().toMillis();
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Entries held (for tests and metrics). */
    public int size() {
        return entries.size();
    }
}

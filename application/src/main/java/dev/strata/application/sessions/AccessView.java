package dev.strata.application.sessions;

import dev.strata.domain.shared.Revocation;
import dev.strata.domain.shared.StoreUnavailableException;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import dev.strata.domain.shared.port.RevocationChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * Application component: this instance's memory of principals found allowed — service clients that
 * still exist, end-user sessions that are still live — so that the per-request check behind every token
 * is answered from memory, on the thread that has the request, with no Redis read.
 *
 * <p>It is an in-process tier kept coherent the way the cache's L1 is, over a channel of its own
 * ({@link RevocationChannel}, whose revocations are messages of their own type). Three rules keep "a revoked
 * token fails at once on every instance":
 * <ol>
 *   <li>Memory answers only while the channel is {@linkplain RevocationChannel#current() current}: this
 *   instance has applied everything published more than {@linkplain RevocationChannel#maxStaleness() the
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
 *
 * <p>While the channel is not current (Redis down or late), memory still answers for a principal the stores
 * confirmed within the last {@linkplain RevocationChannel#maxStaleness() bound}, counted from the moment that
 * check {@linkplain #begin() began}: a revoker waits the same bound after recording the revocation in the
 * stores, whether or not its broadcast went out, so a check that could have seen the principal allowed is no
 * longer trusted anywhere once the revocation is acknowledged. Without the channel this costs one store read
 * per principal and bound instead of one per request.
 *
 * <p>Long-lived responses (a live feed) {@linkplain #watchClient watch} their credential: the watcher is told
 * when a revocation of it is heard here, whichever instance revoked it.
 */
public final class AccessView implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(AccessView.class.getName());
    private static final String CLIENT = "c:";
    private static final String SESSION = "s:";
    private static final Duration RETRY_EVERY = Duration.ofMillis(500);

    private final RevocationChannel bus;
    private final long entryLifeNanos;
    private final int maxEntries;
    private final LongSupplier nanoClock;
    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();
    /** Store checks running now, by principal: callers that ask meanwhile wait for them instead of asking again. */
    private final Map<Key, Flight> flights = new ConcurrentHashMap<>();
    private final LongAdder joined = new LongAdder();
    private final CredentialWatchers<Key> watchers = new CredentialWatchers<>();
    private final AtomicLong generation = new AtomicLong();
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "strata-access-revocations");
        thread.setDaemon(true);
        return thread;
    });
    private volatile RevocationChannel.Subscription subscription;

    private record Key(TenantId tenant, String item) {
    }

    /**
     * What memory holds: the subject the principal belongs to, until when it may be trusted while the channel is
     * current, when the store check behind it began, and whether it was filled while the channel was current
     * (if not, only that recent check vouches for it).
     */
    private record Entry(String subject, long trustedUntilNanos, long checkedAtNanos, boolean recentOnly) {
    }

    /**
     * A store check about to begin: the generation and the moment it began, to hand to the fill afterwards.
     *
     * @param generation the view's generation before the check
     * @param startedNanos the view's clock when the check began
     */
    public record Check(long generation, long startedNanos) {
    }

    /** A store check in flight and its answer to come. */
    private record Flight(Check check, CompletableFuture<Boolean> answer) {
    }

    public AccessView(RevocationChannel bus, Duration entryLife, int maxEntries) {
        this(bus, entryLife, maxEntries, System::nanoTime);
    }

    AccessView(RevocationChannel bus, Duration entryLife, int maxEntries, LongSupplier nanoClock) {
        this.bus = bus;
        this.entryLifeNanos = entryLife.toNanos();
        this.maxEntries = maxEntries;
        this.nanoClock = nanoClock;
    }

    /** Subscribes to the channel; call once before use. */
    public synchronized AccessView start() {
        if (subscription == null) {
            subscription = bus.listen(new RevocationChannel.Listener() {
                @Override
                public void onRevocation(TenantId tenant, Revocation revocation) {
                    if (revocation.kind() == Revocation.Kind.SECRETS) {
                        return; // not a credential this view vouches for
                    }
                    generation.incrementAndGet();
                    List<Key> keys = keys(tenant, revocation);
                    keys.forEach(entries::remove);
                    keys.forEach(watchers::tell);
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
        boolean current = bus.current();
        if (!current && entries.isEmpty()) {
            return false;
        }
        Entry entry = entries.get(new Key(TenantContext.require(), item));
        if (entry == null || !entry.subject().equals(subject)) {
            return false;
        }
        long now = nanoClock.getAsLong();
        if (now - entry.trustedUntilNanos() >= 0) {
            return false;
        }
        if (current && !entry.recentOnly()) {
            return true;
        }
        // not current (or filled while not current): only a store check younger than the bound vouches
        return now - entry.checkedAtNanos() < bus.maxStaleness().toNanos();
    }

    // ---------------------------------------------------------------- store checks in single flight

    /** {@link #checkOnce(String, Predicate)} for a client of the current tenant. */
    public boolean checkClientOnce(String clientId, Predicate<Check> storeCheck) {
        return checkOnce(CLIENT + clientId, storeCheck);
    }

    /** {@link #checkOnce(String, Predicate)} for a session of the current tenant and the user it must belong to. */
    public boolean checkSessionOnce(String sessionId, String userId, Predicate<Check> storeCheck) {
        return checkOnce(SESSION + sessionId + "/" + userId, storeCheck);
    }

    /**
     * Runs {@code storeCheck} (which asks the stores and fills memory with the {@link Check} it is given), unless
     * the same principal's check is running already and may answer for this caller too: it began less than
     * {@linkplain RevocationChannel#maxStaleness() the bound} ago and no revocation was heard since (the rule by
     * which memory vouches, so the revocation bound holds for its answer exactly as for a memory hit). Then this
     * caller waits for that answer, or its failure, instead of asking the stores once more: without the channel,
     * every request that found the entry expired at the same moment used to ask. Blocks.
     */
    private boolean checkOnce(String item, Predicate<Check> storeCheck) {
        Key key = new Key(TenantContext.require(), item);
        Check check = begin();
        Flight own = new Flight(check, new CompletableFuture<>());
        Flight running = flights.putIfAbsent(key, own);
        if (running != null) {
            if (running.check().generation() == check.generation()
                    && check.startedNanos() - running.check().startedNanos() < bus.maxStaleness().toNanos()) {
                joined.increment();
                try {
                    return running.answer().join();
                } catch (CompletionException e) {
                    throw e.getCause() instanceof RuntimeException failure ? failure : e;
                }
            }
            // too old to answer for this caller, or a revocation was heard since it began: a check of its own
            return storeCheck.test(check);
        }
        try {
            boolean answer = storeCheck.test(check);
            own.answer().complete(answer);
            return answer;
        } catch (RuntimeException e) {
            own.answer().completeExceptionally(e);
            throw e;
        } finally {
            flights.remove(key, own);
        }
    }

    /** How many callers have waited for another's check instead of asking the stores (for tests and diagnostics). */
    long joinedChecks() {
        return joined.sum();
    }

    // ---------------------------------------------------------------- fills (after a check against the stores)

    /** The generation to take before asking the stores, and to hand to the fill afterwards. */
    public long generation() {
        return generation.get();
    }

    /** Takes the generation and the time before asking the stores, to hand to the fill afterwards. */
    public Check begin() {
        long before = generation.get();
        return new Check(before, nanoClock.getAsLong());
    }

    /** Remembers a client the stores found allowed, unless a revocation arrived since {@code before}. */
    public void rememberClient(String clientId, long before) {
        remember(CLIENT + clientId, "", before, null, Long.MAX_VALUE);
    }

    /** As {@link #rememberClient(String, long)}, for a check that also vouches while the channel is not current. */
    public void rememberClient(String clientId, Check check) {
        remember(CLIENT + clientId, "", check.generation(), check, Long.MAX_VALUE);
    }

    /** Remembers a live session until at most its expiry, unless a revocation arrived since {@code before}. */
    public void rememberSession(String sessionId, String userId, Instant expiresAt, Instant now, long before) {
        rememberSession(sessionId, userId, expiresAt, now, before, null);
    }

    /** As {@link #rememberSession(String, String, Instant, Instant, long)}, for a check that also vouches while the channel is not current. */
    public void rememberSession(String sessionId, String userId, Instant expiresAt, Instant now, Check check) {
        rememberSession(sessionId, userId, expiresAt, now, check.generation(), check);
    }

    private void rememberSession(String sessionId, String userId, Instant expiresAt, Instant now, long before, Check check) {
        long left = Duration.between(now, expiresAt).toNanos();
        if (left > 0) {
            remember(SESSION + sessionId, userId, before, check, left);
        }
    }

    private void remember(String item, String subject, long before, Check check, long maxLifeNanos) {
        boolean current = bus.current();
        if (generation.get() != before || (!current && (check == null || bus.maxStaleness().isZero()))) {
            return;
        }
        if (entries.size() >= maxEntries) {
            // bounded: a flood of distinct principals costs them a store read, never this instance's memory
            entries.clear();
        }
        Key key = new Key(TenantContext.require(), item);
        long now = nanoClock.getAsLong();
        // without a check's start, the entry never vouches beyond the current channel
        long checkedAt = check == null ? now - bus.maxStaleness().toNanos() : check.startedNanos();
        entries.put(key, new Entry(subject, now + Math.min(entryLifeNanos, maxLifeNanos), checkedAt, !current));
        // a revocation that arrived while we were putting may have missed what we just put
        if (generation.get() != before) {
            entries.remove(key);
        }
    }

    // ---------------------------------------------------------------- watches

    /**
     * Calls {@code onRevoked} (on the channel's thread: it must not block) when a revocation of the current
     * tenant's client is heard here; closing the returned handle stops the watch.
     */
    public AutoCloseable watchClient(String clientId, Runnable onRevoked) {
        return watchers.watch(new Key(TenantContext.require(), CLIENT + clientId), onRevoked);
    }

    /** As {@link #watchClient}, for an end-user session. */
    public AutoCloseable watchSession(String sessionId, Runnable onRevoked) {
        return watchers.watch(new Key(TenantContext.require(), SESSION + sessionId), onRevoked);
    }

    /** Watches held (for tests and metrics). */
    public int watches() {
        return watchers.count();
    }

    // ---------------------------------------------------------------- revocations

    /**
     * Broadcasts that the current tenant's client was revoked, and returns once every instance has dropped it
     * or stopped trusting its memory. Call it after the revocation is recorded in the stores.
     */
    public void revokeClient(String clientId) {
        revoke(Revocation.Kind.CLIENTS, List.of(clientId));
    }

    /** As {@link #revokeClient}, for ended sessions. */
    public void revokeSessions(Collection<String> sessionIds) {
        revoke(Revocation.Kind.SESSIONS, List.copyOf(sessionIds));
    }

    private void revoke(Revocation.Kind kind, List<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        TenantId tenant = TenantContext.require();
        for (Revocation batch : batches(kind, ids)) {
            // this instance first: the request after ours must not find it here even if the broadcast fails
            generation.incrementAndGet();
            List<Key> keys = keys(tenant, batch);
            keys.forEach(entries::remove);
            keys.forEach(watchers::tell);
            if (!send(tenant, batch)) {
                retryLater(tenant, batch, 1);
            }
        }
        // even when a broadcast failed: peers without the channel trust a store check for the bound at most
        settle();
    }

    private static List<Revocation> batches(Revocation.Kind kind, List<String> ids) {
        List<Revocation> batches = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += Revocation.MAX_IDS) {
            Set<String> batch = new LinkedHashSet<>(ids.subList(from, Math.min(ids.size(), from + Revocation.MAX_IDS)));
            batches.add(new Revocation(kind, batch));
        }
        return batches;
    }

    private static List<Key> keys(TenantId tenant, Revocation revocation) {
        String prefix = revocation.kind() == Revocation.Kind.CLIENTS ? CLIENT : SESSION;
        return revocation.ids().stream().map(id -> new Key(tenant, prefix + id)).toList();
    }

    private boolean send(TenantId tenant, Revocation batch) {
        try {
            TenantContext.runAs(tenant, () -> bus.revoke(batch));
            return true;
        } catch (StoreUnavailableException e) {
            return false;
        }
    }

    private void retryLater(TenantId tenant, Revocation batch, int attempt) {
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

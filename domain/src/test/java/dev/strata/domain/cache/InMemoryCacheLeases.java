package dev.strata.domain.cache;

import dev.strata.domain.cache.port.CacheLeases;
import dev.strata.domain.cache.port.FillStamps;
import dev.strata.domain.shared.Clock;
import dev.strata.domain.shared.ResourceName;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * In-memory fake of {@link CacheLeases} and the {@link FillStamps} beside them: epochs per namespace and key,
 * leases with expiry. Thread-safe.
 */
public final class InMemoryCacheLeases implements CacheLeases, FillStamps {
    private record Scoped(TenantId tenant, Object what) {
    }

    private record Lease(LeaseToken token, long namespaceEpoch, Instant expiresAt) {
    }

    private final Clock clock;
    private final Map<Scoped, Long> epochs = new HashMap<>();
    private final Map<Scoped, Lease> leases = new HashMap<>();

    public InMemoryCacheLeases() {
        this(Clock.system());
    }

    public InMemoryCacheLeases(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Optional<LeaseToken> acquire(CacheKey key, Duration ttl) {
        Scoped scoped = scoped(key);
        Lease current = leases.get(scoped);
        long namespaceEpoch = epoch(scoped(key.namespace()));
        if (current != null && current.expiresAt().isAfter(clock.now()) && current.namespaceEpoch() == namespaceEpoch) {
            return Optional.empty();
        }
        LeaseToken token = LeaseToken.random();
        leases.put(scoped, new Lease(token, namespaceEpoch, clock.now().plus(ttl)));
        return Optional.of(token);
    }

    @Override
    public synchronized boolean redeem(CacheKey key, LeaseToken token) {
        Scoped scoped = scoped(key);
        Lease current = leases.get(scoped);
        if (current == null || !current.token().equals(token)) {
            return false;
        }
        leases.remove(scoped);
        return current.expiresAt().isAfter(clock.now()) && current.namespaceEpoch() == epoch(scoped(key.namespace()));
    }

    @Override
    public synchronized FillStamp stamp(CacheKey key) {
        return new FillStamp(epoch(scoped(key.namespace())), epoch(scoped(key)));
    }

    @Override
    public synchronized boolean unchangedSince(CacheKey key, FillStamp stamp) {
        return stamp.equals(stamp(key));
    }

    @Override
    public synchronized void voidKeys(ResourceName namespace, Collection<String> keys) {
        for (String key : keys) {
            Scoped scoped = scoped(new CacheKey(namespace, key));
            epochs.merge(scoped, 1L, Long::sum);
            leases.remove(scoped);
        }
    }

    /** Checks {@code since} against the key's stamp and moves the key's epoch on (leases untouched); true when unchanged. */
    synchronized boolean advanceIfUnchanged(CacheKey key, FillStamp since) {
        boolean unchanged = unchangedSince(key, since);
        epochs.merge(scoped(key), 1L, Long::sum);
        return unchanged;
    }

    @Override
    public synchronized void voidNamespace(ResourceName namespace) {
        epochs.merge(scoped(namespace), 1L, Long::sum);
    }

    private long epoch(Scoped scoped) {
        return epochs.getOrDefault(scoped, 0L);
    }

    private static Scoped scoped(Object what) {
        return new Scoped(TenantContext.require(), what);
    }
}

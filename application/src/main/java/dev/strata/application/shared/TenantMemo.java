package dev.strata.application.shared;

import dev.strata.domain.shared.StoreUnavailableException;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Per-tenant memo of what a store answered for a name (a cache namespace's settings, a rate-limit policy):
 * trusted for {@code ttl} after it was read, then read again; while the store is unavailable the last
 * answer, however old, beats none. Bounded like {@link BoundedMap}, so a tenant inventing names cannot
 * grow it; what it drops is simply read again.
 *
 * @param <K> the name within a tenant
 * @param <V> what the store answered (never null; wrap an absence in {@code Optional})
 */
public final class TenantMemo<K, V> {
    private record Scoped<K>(TenantId tenant, K key) {
    }

    private record Held<V>(V value, long loadedAtNanos) {
    }

    private final BoundedMap<Scoped<K>, Held<V>> held;
    private final long ttlNanos;
    private final LongSupplier nanoTime;

    public TenantMemo(Duration ttl, int maxEntries) {
        this(ttl, maxEntries, System::nanoTime);
    }

    /** With its own monotonic clock (nanoseconds), for tests. */
    TenantMemo(Duration ttl, int maxEntries, LongSupplier nanoTime) {
        if (ttl == null || ttl.isNegative()) {
            throw new IllegalArgumentException("ttl must not be negative");
        }
        this.held = new BoundedMap<>(maxEntries);
        this.ttlNanos = ttl.toNanos();
        this.nanoTime = nanoTime;
    }

    /** The current tenant's value for {@code key} while it is fresh; null when it must be read. Never reads the store. */
    public V fresh(K key) {
        Held<V> copy = held.get(new Scoped<>(TenantContext.require(), key));
        return fresh(copy, nanoTime.getAsLong()) ? copy.value() : null;
    }

    /**
     * The current tenant's value for {@code key}: the fresh copy, else what {@code load} reads now (remembered),
     * else, when {@code load} finds the store unavailable, the last copy however old, else what
     * {@code whenDown} makes of the fault (not remembered; it may rethrow it).
     */
    public V get(K key, Supplier<V> load, Function<StoreUnavailableException, V> whenDown) {
        Scoped<K> scoped = new Scoped<>(TenantContext.require(), key);
        Held<V> copy = held.get(scoped);
        long now = nanoTime.getAsLong();
        if (fresh(copy, now)) {
            return copy.value();
        }
        V value;
        try {
            value = load.get();
        } catch (StoreUnavailableException e) {
            return copy != null ? copy.value() : whenDown.apply(e);
        }
        held.put(scoped, new Held<>(value, now));
        return value;
    }

    private boolean fresh(Held<V> copy, long now) {
        return copy != null && now - copy.loadedAtNanos() < ttlNanos;
    }

    /** Drops the current tenant's copy for {@code key}: the next {@link #get} reads the store. */
    public void forget(K key) {
        forget(TenantContext.require(), key);
    }

    /** Drops {@code tenant}'s copy for {@code key}; works outside a tenant context. */
    public void forget(TenantId tenant, K key) {
        held.remove(new Scoped<>(tenant, key));
    }

    /** Drops every copy, of every tenant. */
    public void clear() {
        held.clear();
    }

    /** How many copies are held now. */
    public int size() {
        return held.size();
    }
}

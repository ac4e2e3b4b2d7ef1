package dev.strata.domain.cache;

import dev.strata.domain.cache.port.LocalCacheTier;
import dev.strata.domain.shared.Clock;
import dev.strata.domain.shared.ResourceName;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** In-memory fake of {@link LocalCacheTier}: a map per tenant with a namespace limit and expiry. Thread-safe. */
public final class InMemoryLocalCacheTier implements LocalCacheTier {
    private record Held(CacheEntry entry, Instant until) {
    }

    private final Clock clock;
    private final Map<TenantId, Map<CacheKey, Held>> byTenant = new HashMap<>();

    public InMemoryLocalCacheTier() {
        this(Clock.system());
    }

    public InMemoryLocalCacheTier(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Optional<CacheEntry> get(CacheKey key) {
        Map<CacheKey, Held> entries = partition(TenantContext.require());
        Held held = entries.get(key);
        if (held == null) {
            return Optional.empty();
        }
        Instant now = clock.now();
        if (!held.entry().isLiveAt(now) || !now.isBefore(held.until())) {
            entries.remove(key);
            return Optional.empty();
        }
        return Optional.of(held.entry());
    }

    @Override
    public synchronized void put(CacheEntry entry, Duration maxAge, int namespaceLimit) {
        Map<CacheKey, Held> entries = partition(TenantContext.require());
        if (!entries.containsKey(entry.key()) && size(entries, entry.key().namespace()) >= namespaceLimit) {
            return;
        }
        entries.put(entry.key(), new Held(entry, clock.now().plus(maxAge)));
    }

    @Override
    public synchronized void drop(CacheKey key) {
        partition(TenantContext.require()).remove(key);
    }

    @Override
    public synchronized void drop(TenantId tenant, Invalidation invalidation) {
        partition(tenant).values().removeIf(held -> invalidation.covers(held.entry().key(), held.entry().tags()));
    }

    @Override
    public synchronized void clear() {
        byTenant.clear();
    }

    @Override
    public synchronized long size(ResourceName namespace) {
        return size(partition(TenantContext.require()), namespace);
    }

    private static long size(Map<CacheKey, Held> entries, ResourceName namespace) {
        return entries.keySet().stream().filter(key -> key.namespace().equals(namespace)).count();
    }

    private Map<CacheKey, Held> partition(TenantId tenant) {
        return byTenant.computeIfAbsent(tenant, t -> new HashMap<>());
    }
}

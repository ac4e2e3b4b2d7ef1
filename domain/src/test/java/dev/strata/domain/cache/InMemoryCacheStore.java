package dev.strata.domain.cache;

import dev.strata.domain.cache.port.CacheStore;
import dev.strata.domain.shared.Clock;
import dev.strata.domain.shared.ResourceName;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * In-memory fake of {@link CacheStore}: one map per tenant, expiry against an injectable clock. Thread-safe.
 * {@link InMemorySharedCacheTier} adds what the tier above the durable one can do.
 */
public class InMemoryCacheStore implements CacheStore {
    private final Clock clock;
    private final Map<TenantId, Map<CacheKey, CacheEntry>> byTenant = new HashMap<>();

    public InMemoryCacheStore() {
        this(Clock.system());
    }

    public InMemoryCacheStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Optional<CacheEntry> get(CacheKey key) {
        return Optional.ofNullable(live(partition(), key));
    }

    @Override
    public synchronized Map<CacheKey, CacheEntry> getAll(Collection<CacheKey> keys) {
        Map<CacheKey, CacheEntry> entries = partition();
        Map<CacheKey, CacheEntry> hits = new LinkedHashMap<>();
        for (CacheKey key : keys) {
            CacheEntry entry = live(entries, key);
            if (entry != null) {
                hits.put(key, entry);
            }
        }
        return hits;
    }

    @Override
    public synchronized void put(CacheEntry entry) {
        Map<CacheKey, CacheEntry> entries = partition();
        if (entry.isLiveAt(clock.now())) {
            entries.put(entry.key(), entry);
        } else {
            entries.remove(entry.key());
        }
    }

    @Override
    public synchronized boolean putIfAbsent(CacheEntry entry) {
        if (live(partition(), entry.key()) != null) {
            return false;
        }
        put(entry);
        return true;
    }

    @Override
    public synchronized boolean putIfMatch(CacheEntry entry, ETag expected) {
        CacheEntry current = live(partition(), entry.key());
        if (current == null || !current.etag().equals(expected)) {
            return false;
        }
        put(entry);
        return true;
    }

    @Override
    public synchronized boolean delete(CacheKey key) {
        Map<CacheKey, CacheEntry> entries = partition();
        boolean wasLive = live(entries, key) != null;
        entries.remove(key);
        return wasLive;
    }

    @Override
    public synchronized long deleteByPrefix(ResourceName namespace, String prefix) {
        CacheKey.requireValidKey("prefix", prefix);
        return removeIf(namespace, entry -> entry.key().key().startsWith(prefix));
    }

    @Override
    public synchronized long deleteByTag(ResourceName namespace, Tag tag) {
        return removeIf(namespace, entry -> entry.tags().contains(tag));
    }

    @Override
    public synchronized long deleteNamespace(ResourceName namespace) {
        return removeIf(namespace, entry -> true);
    }

    private long removeIf(ResourceName namespace, Predicate<CacheEntry> condition) {
        Instant now = clock.now();
        long[] removed = {0};
        partition().values().removeIf(entry -> {
            if (!entry.key().namespace().equals(namespace)) {
                return false;
            }
            if (!entry.isLiveAt(now)) {
                return true;
            }
            if (condition.test(entry)) {
                removed[0]++;
                return true;
            }
            return false;
        });
        return removed[0];
    }

    private CacheEntry live(Map<CacheKey, CacheEntry> entries, CacheKey key) {
        CacheEntry entry = entries.get(key);
        if (entry != null && !entry.isLiveAt(clock.now())) {
            entries.remove(key);
            return null;
        }
        return entry;
    }

    private Map<CacheKey, CacheEntry> partition() {
        return byTenant.computeIfAbsent(TenantContext.require(), tenant -> new HashMap<>());
    }
}

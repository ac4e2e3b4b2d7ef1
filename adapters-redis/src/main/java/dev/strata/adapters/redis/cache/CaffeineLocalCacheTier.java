package dev.strata.adapters.redis.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;
import dev.strata.domain.cache.CacheEntry;
import dev.strata.domain.cache.CacheKey;
import dev.strata.domain.cache.Invalidation;
import dev.strata.domain.cache.port.LocalCacheTier;
import dev.strata.domain.shared.Clock;
import dev.strata.domain.shared.ResourceName;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Caffeine adapter for {@link LocalCacheTier} (L1). One cache for all tenants, bounded by bytes with a
 * weigher in which every entry weighs at least {@code maxBytes / maxEntries}: so the byte bound also bounds
 * the number of entries. Each entry expires at the earlier of its own expiry and the namespace's L1 TTL.
 * It lives in the Redis module because Redis Pub/Sub is what keeps it coherent.
 */
@Singleton
public class CaffeineLocalCacheTier implements LocalCacheTier {
    /** Rough bytes of bookkeeping per entry besides key and value. */
    private static final int OVERHEAD = 160;

    private record Key(TenantId tenant, CacheKey key) {
    }

    private record Scope(TenantId tenant, ResourceName namespace) {
    }

    private record Held(CacheEntry entry, long deadlineNanos) {
    }

    private final Cache<Key, Held> cache;
    private final Clock clock;
    private final long maxEntryBytes;
    private final Map<Scope, AtomicLong> sizes = new ConcurrentHashMap<>();

    public CaffeineLocalCacheTier(CacheTierSettings settings, Clock clock) {
        this(settings.l1MaxEntries(), settings.l1MaxBytes(), clock);
    }

    public CaffeineLocalCacheTier(long maxEntries, long maxBytes, Clock clock) {
        if (maxEntries < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("l1 max-entries and max-bytes must be positive");
        }
        this.clock = clock;
        int minimumWeight = (int) Math.max(1, Math.min(Integer.MAX_VALUE, maxBytes / maxEntries));
        // one entry may take at most an eighth of the tier, so one huge value cannot flush everything else
        this.maxEntryBytes = Math.max(1, maxBytes / 8);
        this.cache = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((Key key, Held held) -> Math.max(minimumWeight, weight(key, held)))
                .expireAfter(new Expiry<Key, Held>() {
                    @Override
                    public long expireAfterCreate(Key key, Held held, long currentTime) {
                        return Math.max(0, held.deadlineNanos() - System.nanoTime());
                    }

                    @Override
                    public long expireAfterUpdate(Key key, Held held, long currentTime, long currentDuration) {
                        return Math.max(0, held.deadlineNanos() - System.nanoTime());
                    }

                    @Override
                    public long expireAfterRead(Key key, Held held, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                })
                // run removal bookkeeping on the caller's thread, so namespace sizes never lag
                .executor(Runnable::run)
                .removalListener((Key key, Held held, RemovalCause cause) -> {
                    if (key != null && cause != RemovalCause.REPLACED) {
                        AtomicLong size = sizes.get(new Scope(key.tenant(), key.key().namespace()));
                        if (size != null) {
                            size.decrementAndGet();
                        }
                    }
                })
                .build();
    }

    private static int weight(Key key, Held held) {
        return OVERHEAD + key.key().key().length() * 2 + held.entry().value().size();
    }

    @Override
    public Optional<CacheEntry> get(CacheKey key) {
        Held held = cache.getIfPresent(new Key(TenantContext.require(), key));
        if (held == null) {
            return Optional.empty();
        }
        if (!held.entry().isLiveAt(clock.now())) {
            cache.invalidate(new Key(TenantContext.require(), key));
            return Optional.empty();
        }
        return Optional.of(held.entry());
    }

    @Override
    public void put(CacheEntry entry, Duration maxAge, int namespaceLimit) {
        TenantId tenant = TenantContext.require();
        if (entry.value().size() > maxEntryBytes) {
            return;
        }
        Duration untilExpiry = entry.remainingAt(clock.now());
        Duration keep = untilExpiry.compareTo(maxAge) < 0 ? untilExpiry : maxAge;
        if (keep.isZero() || keep.isNegative()) {
            return;
        }
        Held held = new Held(entry, System.nanoTime() + keep.toNanos());
        Key key = new Key(tenant, entry.key());
        AtomicLong size = sizes.computeIfAbsent(new Scope(tenant, entry.key().namespace()), s -> new AtomicLong());
        cache.asMap().compute(key, (k, old) -> {
            if (old == null) {
                if (size.get() >= namespaceLimit) {
                    return null;
                }
                size.incrementAndGet();
            }
            return held;
        });
    }

    @Override
    public void drop(CacheKey key) {
        cache.invalidate(new Key(TenantContext.require(), key));
    }

    @Override
    public void drop(TenantId tenant, Invalidation invalidation) {
        if (invalidation instanceof Invalidation.Keys keys) {
            for (String key : keys.keys()) {
                cache.invalidate(new Key(tenant, new CacheKey(keys.namespace(), key)));
            }
            return;
        }
        // prefix, tag and namespace drops walk this instance's L1 only (bounded by its size), never a store
        cache.asMap().entrySet().removeIf(e -> e.getKey().tenant().equals(tenant)
                && invalidation.covers(e.getKey().key(), e.getValue().entry().tags()));
    }

    @Override
    public void clear() {
        cache.invalidateAll();
    }

    @Override
    public long size(ResourceName namespace) {
        AtomicLong size = sizes.get(new Scope(TenantContext.require(), namespace));
        return size == null ? 0 : Math.max(0, size.get());
    }
}

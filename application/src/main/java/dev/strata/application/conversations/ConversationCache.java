package dev.strata.application.conversations;

import dev.strata.application.cache.port.CacheLookup;
import dev.strata.application.cache.port.GetCacheEntryQuery;
import dev.strata.application.cache.port.GetCacheEntryUseCase;
import dev.strata.application.cache.port.InvalidateCacheCommand;
import dev.strata.application.cache.port.InvalidateCacheUseCase;
import dev.strata.application.cache.port.PutCacheEntryCommand;
import dev.strata.application.cache.port.PutCacheEntryUseCase;
import dev.strata.application.conversations.port.Cached;
import dev.strata.domain.cache.CacheKey;
import dev.strata.domain.cache.CacheValue;
import dev.strata.domain.shared.ResourceName;
import dev.strata.domain.shared.StoreUnavailableException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The conversations' views in the cache engine: three namespaces (recent lists by user, details and first
 * pages by conversation), read through with a lease so that a fill that raced an invalidation is refused, and
 * dropped by key. The engine must serve these namespaces without L1 and without its Postgres tier
 * ({@link #NAMESPACES}, configured so by the wiring): a delete in Redis before the change is acknowledged is then
 * seen by every instance's next read.
 */
public final class ConversationCache {
    static final ResourceName RECENT = ResourceName.of("namespace", "conversations.recent");
    static final ResourceName DETAILS = ResourceName.of("namespace", "conversations.details");
    static final ResourceName FIRST_PAGES = ResourceName.of("namespace", "conversations.pages");
    /** The engine's namespaces of this area. */
    public static final Set<ResourceName> NAMESPACES = Set.of(RECENT, DETAILS, FIRST_PAGES);
    /** Cached values larger than this are not kept (a first page of very long messages is read from Postgres). */
    static final int MAX_VALUE_BYTES = 4 * 1024 * 1024;

    private final GetCacheEntryUseCase get;
    private final PutCacheEntryUseCase put;
    private final InvalidateCacheUseCase invalidate;
    private final boolean enabled;

    /** With {@code enabled} false, every read loads (nothing is looked up or filled); drops still go out. */
    ConversationCache(GetCacheEntryUseCase get, PutCacheEntryUseCase put, InvalidateCacheUseCase invalidate,
                      boolean enabled) {
        this.get = get;
        this.put = put;
        this.invalidate = invalidate;
        this.enabled = enabled;
    }

    boolean enabled() {
        return enabled;
    }

    /**
     * The value under {@code key}, else {@code load}ed (from Postgres) and filled when this reader holds the key's
     * lease. {@code load} may answer empty (not found): nothing is cached then.
     */
    <T> Optional<Cached<T>> read(ResourceName namespace, String key, Duration ttl, Supplier<Optional<T>> load,
                                 Function<T, byte[]> encode, Function<byte[], T> decode) {
        if (!enabled) {
            return load.get().map(value -> new Cached<>(value, false));
        }
        CacheKey cacheKey = new CacheKey(namespace, key);
        CacheLookup lookup;
        try {
            lookup = get.get(new GetCacheEntryQuery(cacheKey, true, Duration.ZERO));
        } catch (StoreUnavailableException e) {
            lookup = new CacheLookup.Miss(Optional.empty());
        }
        if (lookup instanceof CacheLookup.Hit hit) {
            try {
                return Optional.of(new Cached<>(decode.apply(hit.entry().value().json()), true));
            } catch (RuntimeException undecodable) {
                // an entry of another form (an older version): read Postgres, leave the entry to its TTL
                return load.get().map(value -> new Cached<>(value, false));
            }
        }
        Optional<T> loaded = load.get();
        if (loaded.isPresent() && lookup instanceof CacheLookup.Miss miss && miss.lease().isPresent()) {
            byte[] encoded = encode.apply(loaded.get());
            if (encoded.length <= MAX_VALUE_BYTES) {
                try {
                    put.put(new PutCacheEntryCommand(cacheKey, new CacheValue(encoded), Optional.of(ttl), Set.of(),
                            Optional.empty(), miss.lease()));
                } catch (StoreUnavailableException e) {
                    // filling is an optimisation
                }
            }
        }
        return loaded.map(value -> new Cached<>(value, false));
    }

    /** Drops the keys everywhere before returning (queued for repair while Redis cannot take it). */
    void drop(ResourceName namespace, Set<String> keys) {
        if (keys.isEmpty()) {
            return;
        }
        invalidate.invalidate(new InvalidateCacheCommand(namespace, keys, Set.of(), Optional.empty()));
    }
}

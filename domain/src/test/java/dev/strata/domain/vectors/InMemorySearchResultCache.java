package dev.strata.domain.vectors;

import dev.strata.domain.shared.Clock;
import dev.strata.domain.shared.ResourceName;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import dev.strata.domain.vectors.port.CollectionStamp;
import dev.strata.domain.vectors.port.SearchResultCache;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/** In-memory fake of {@link SearchResultCache} on a {@link Clock}: one stamp with a lease and bounded results per collection. */
public final class InMemorySearchResultCache implements SearchResultCache {
    private final Clock clock;
    private final Duration resultTtl;
    private final int maxEntries;
    private final Duration versionLease;
    private final AtomicLong tokens = new AtomicLong();
    private final Map<Key, State> collections = new HashMap<>();

    public InMemorySearchResultCache(Clock clock, Duration resultTtl, int maxEntries, Duration versionLease) {
        this.clock = Objects.requireNonNull(clock, "clock must not be null");
        this.resultTtl = resultTtl;
        this.maxEntries = maxEntries;
        this.versionLease = versionLease;
    }

    private record Key(TenantId tenant, ResourceName collection) {
    }

    private record Entry(byte[] result, Instant storedAt) {
    }

    private static final class State {
        CollectionStamp stamp;
        Instant stampExpiresAt;
        Instant renewingUntil = Instant.MIN;
        final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();
    }

    private State state(ResourceName collection) {
        return collections.computeIfAbsent(new Key(TenantContext.require(), collection), k -> new State());
    }

    private CollectionStamp current(State state, Instant now) {
        if (state.stamp != null && !now.isBefore(state.stampExpiresAt)) {
            state.stamp = null;
        }
        return state.stamp;
    }

    /** The collection's current stamp, as the shared store holds it (for the hot-vectors fake). */
    public synchronized Optional<CollectionStamp> currentStamp(ResourceName collection) {
        return Optional.ofNullable(current(state(collection), clock.now()));
    }

    @Override
    public Duration versionLease() {
        return versionLease;
    }

    @Override
    public synchronized CollectionStamp publishVersion(ResourceName collection, long version) {
        if (version < 0) {
            throw new IllegalArgumentException("version must not be negative");
        }
        State state = state(collection);
        Instant now = clock.now();
        CollectionStamp current = current(state, now);
        if (current != null && current.version() >= version) {
            return current;
        }
        state.stamp = new CollectionStamp(version, tokens.incrementAndGet());
        state.stampExpiresAt = now.plus(versionLease);
        return state.stamp;
    }

    @Override
    public CollectionStamp seedVersion(ResourceName collection, long version) {
        return publishVersion(collection, version);
    }

    @Override
    public synchronized Lookup lookup(ResourceName collection, String requestHash) {
        checkHash(requestHash);
        State state = state(collection);
        Instant now = clock.now();
        CollectionStamp current = current(state, now);
        if (current == null) {
            return new Lookup.Unversioned();
        }
        Renewal renewal = Renewal.NONE;
        Duration left = Duration.between(now, state.stampExpiresAt);
        if (left.multipliedBy(2).compareTo(versionLease) < 0 && !now.isBefore(state.renewingUntil)) {
            state.renewingUntil = now.plusMillis(Math.max(1, versionLease.toMillis() / 4));
            renewal = new Renewal(true, now.toEpochMilli());
        }
        Entry entry = live(state, key(current, requestHash), now);
        return entry != null ? new Lookup.Hit(entry.result().clone(), current, renewal) : new Lookup.Miss(current, renewal);
    }

    private Entry live(State state, String key, Instant now) {
        Entry entry = state.entries.get(key);
        if (entry != null && !now.isBefore(entry.storedAt().plus(resultTtl))) {
            state.entries.remove(key);
            return null;
        }
        return entry;
    }

    @Override
    public synchronized boolean renewVersion(ResourceName collection, CollectionStamp stamp, long checkpointMillis) {
        State state = state(collection);
        if (!stamp.equals(current(state, clock.now()))) {
            return false;
        }
        Instant until = Instant.ofEpochMilli(checkpointMillis).plus(versionLease);
        if (until.isAfter(state.stampExpiresAt)) {
            state.stampExpiresAt = until;
        }
        return true;
    }

    @Override
    public synchronized boolean store(ResourceName collection, CollectionStamp stamp, String requestHash, byte[] result) {
        checkHash(requestHash);
        Objects.requireNonNull(result, "result must not be null");
        State state = state(collection);
        Instant now = clock.now();
        if (!stamp.equals(current(state, now))) {
            return false;
        }
        String key = key(stamp, requestHash);
        state.entries.remove(key);
        state.entries.put(key, new Entry(result.clone(), now));
        state.entries.values().removeIf(e -> !now.isBefore(e.storedAt().plus(resultTtl)));
        var oldest = state.entries.keySet().iterator();
        while (state.entries.size() > maxEntries) {
            oldest.next();
            oldest.remove();
        }
        return true;
    }

    @Override
    public synchronized void forget(ResourceName collection) {
        collections.remove(new Key(TenantContext.require(), collection));
    }

    private static String key(CollectionStamp stamp, String requestHash) {
        return stamp.version() + ":" + stamp.token() + ":" + requestHash;
    }

    private static void checkHash(String requestHash) {
        if (requestHash == null || requestHash.isEmpty() || requestHash.length() > 256) {
            throw new IllegalArgumentException("requestHash must be 1 to 256 characters");
        }
    }
}

package dev.strata.domain.vectors;

import dev.strata.domain.shared.Clock;
import dev.strata.domain.shared.ResourceName;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import dev.strata.domain.vectors.port.CollectionStamp;
import dev.strata.domain.vectors.port.HotVectors;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * In-memory fake of {@link HotVectors} on a {@link Clock}, reading the stamps of an {@link InMemorySearchResultCache}
 * (as the Redis adapters share the stamp key): tumbling-window counts, copies in read order (least recent first).
 */
public final class InMemoryHotVectors implements HotVectors {
    private final Clock clock;
    private final InMemorySearchResultCache stamps;
    private final int maxCopies;
    private final Duration window;
    private final int threshold;
    private final Map<Key, State> collections = new HashMap<>();

    public InMemoryHotVectors(Clock clock, InMemorySearchResultCache stamps, int maxCopies, Duration window, int threshold) {
        this.clock = Objects.requireNonNull(clock, "clock must not be null");
        this.stamps = Objects.requireNonNull(stamps, "stamps must not be null");
        this.maxCopies = maxCopies;
        this.window = window;
        this.threshold = threshold;
    }

    private record Key(TenantId tenant, ResourceName collection) {
    }

    private record Copy(CollectionStamp stamp, byte[] item) {
    }

    private static final class State {
        long countedWindow = Long.MIN_VALUE;
        final Map<String, Integer> reads = new HashMap<>();
        final LinkedHashMap<String, Copy> copies = new LinkedHashMap<>(16, 0.75f, true);
    }

    private State state(ResourceName collection) {
        return collections.computeIfAbsent(new Key(TenantContext.require(), collection), k -> new State());
    }

    private Optional<CollectionStamp> current(ResourceName collection) {
        return stamps.currentStamp(collection);
    }

    @Override
    public synchronized Read read(ResourceName collection, String id) {
        checkId(id);
        State state = state(collection);
        long windowNumber = Math.floorDiv(clock.now().toEpochMilli(), window.toMillis());
        if (windowNumber != state.countedWindow) {
            state.reads.clear();
            state.countedWindow = windowNumber;
        }
        int n = state.reads.merge(id, 1, Integer::sum);
        Optional<CollectionStamp> current = current(collection);
        Copy copy = state.copies.get(id);
        if (copy != null) {
            if (current.isPresent() && copy.stamp().equals(current.get())) {
                return new Read.Kept(copy.item().clone());
            }
            state.copies.remove(id);
        }
        return new Read.NotKept(n > threshold, current);
    }

    @Override
    public synchronized boolean keep(ResourceName collection, CollectionStamp stamp, String id, byte[] item) {
        checkId(id);
        Objects.requireNonNull(item, "item must not be null");
        if (!current(collection).equals(Optional.of(stamp))) {
            return false;
        }
        State state = state(collection);
        state.copies.remove(id);
        state.copies.put(id, new Copy(stamp, item.clone()));
        var leastRecent = state.copies.keySet().iterator();
        while (state.copies.size() > maxCopies) {
            leastRecent.next();
            leastRecent.remove();
        }
        return true;
    }

    @Override
    public synchronized void forget(ResourceName collection) {
        collections.remove(new Key(TenantContext.require(), collection));
    }

    private static void checkId(String id) {
        if (id == null || id.isEmpty() || id.length() > 256) {
            throw new IllegalArgumentException("id must be 1 to 256 characters");
        }
    }
}

package dev.strata.domain.sessions;

import dev.strata.domain.sessions.port.AccessRevocations;
import dev.strata.domain.shared.ClientId;
import dev.strata.domain.shared.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * In-memory fake of {@link AccessRevocations}: statuses with a time to live, measured on an injectable
 * clock. A revoked or inactive status is never replaced by "active" before it expires (a late
 * {@code remember(id, true)} racing a deletion must not revive the client). Thread-safe.
 */
public final class InMemoryAccessRevocations implements AccessRevocations {
    private record Recorded(boolean active, Instant until) {
    }

    private final Clock clock;
    private final Map<ClientId, Recorded> statuses = new HashMap<>();

    public InMemoryAccessRevocations() {
        this(Clock.system());
    }

    public InMemoryAccessRevocations(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Status clientStatus(ClientId id) {
        Recorded recorded = live(id);
        if (recorded == null) {
            return Status.UNKNOWN;
        }
        return recorded.active() ? Status.ACTIVE : Status.REVOKED;
    }

    @Override
    public synchronized void remember(ClientId id, boolean active, Duration ttl) {
        if (id == null || ttl == null || ttl.isNegative() || ttl.isZero()) {
            return;
        }
        Recorded current = live(id);
        if (active && current != null && !current.active()) {
            return;
        }
        statuses.put(id, new Recorded(active, clock.now().plus(ttl)));
    }

    @Override
    public synchronized void revoke(ClientId id, Duration ttl) {
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive");
        }
        Recorded current = live(id);
        Instant until = clock.now().plus(ttl);
        if (current != null && !current.active() && current.until().isAfter(until)) {
            until = current.until();
        }
        statuses.put(id, new Recorded(false, until));
    }

    private Recorded live(ClientId id) {
        Recorded recorded = statuses.get(id);
        if (recorded != null && !clock.now().isBefore(recorded.until())) {
            statuses.remove(id);
            return null;
        }
        return recorded;
    }
}

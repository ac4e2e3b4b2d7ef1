package dev.strata.domain.operations.port;

import dev.strata.domain.operations.TrafficTotals;
import java.time.Instant;

/**
 * Driven port: every instance's traffic, interval by interval, kept where the cluster's alert evaluator can sum it
 * over a window (each instance sees only its own requests). Operator data: no tenant, no route, no caller. Works
 * without a tenant context; throws {@link dev.strata.domain.shared.StoreUnavailableException} when its store is
 * unreachable.
 */
public interface TrafficLedger {
    /**
     * Stores what {@code instance} counted in the interval that ended at {@code at}, and how many threads waited for
     * a Postgres connection on it at that instant.
     */
    void record(String instance, Instant at, TrafficTotals interval, int poolWaiting);

    /**
     * Threads waiting for a Postgres connection on an instance where some waited at every interval that ended at or
     * after {@code from} — at least two intervals, the first ended at or before {@code earliestBy} — the fewest seen
     * there; the largest such figure over all instances, 0 when no instance qualifies.
     */
    int poolWaitingHeld(Instant from, Instant earliestBy);

    /** The sum of every instance's intervals that ended at or after {@code from}. */
    TrafficTotals sumSince(Instant from);

    /** Forgets intervals that ended before {@code before}. */
    void prune(Instant before);
}

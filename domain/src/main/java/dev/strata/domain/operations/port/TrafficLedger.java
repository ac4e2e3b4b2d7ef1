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
    /** Stores what {@code instance} counted in the interval that ended at {@code at}. */
    void record(String instance, Instant at, TrafficTotals interval);

    /** The sum of every instance's intervals that ended at or after {@code from}. */
    TrafficTotals sumSince(Instant from);

    /** Forgets intervals that ended before {@code before}. */
    void prune(Instant before);
}

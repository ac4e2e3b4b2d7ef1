package dev.strata.application.operations;

import dev.strata.domain.operations.PoolFigures;
import dev.strata.domain.operations.TrafficTotals;
import dev.strata.domain.operations.port.PoolMonitor;
import dev.strata.domain.operations.port.TrafficLedger;
import dev.strata.domain.operations.port.TrafficMonitor;
import dev.strata.domain.shared.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Application service: the cluster's traffic over the alert window. Each instance stores what it counted since its
 * last stored interval (cache lookups, requests, 5xx answers, latency histogram); the evaluator sums every instance's
 * intervals of the window, so the traffic rules judge the whole cluster over a sliding window rather than one
 * instance since its start. An interval that could not be stored is carried into the next one, so nothing counted
 * is dropped; intervals older than two windows are forgotten. Each interval also carries the threads
 * waiting for a Postgres connection at its end, so a pool that stays exhausted on any instance is seen.
 */
public final class ClusterTraffic {
    private final TrafficMonitor monitor;
    private final PoolMonitor pool;
    private final TrafficLedger ledger;
    private final Clock clock;
    private final Duration window;
    private final Duration poolHold;
    /** This instance in the ledger: random per start, so a restarted instance never subtracts from its old totals. */
    private final String instance = UUID.randomUUID().toString();
    private TrafficTotals stored = TrafficTotals.NONE;

    public ClusterTraffic(TrafficMonitor monitor, PoolMonitor pool, TrafficLedger ledger, Clock clock, Duration window,
                          Duration poolHold) {
        this.monitor = Objects.requireNonNull(monitor, "monitor must not be null");
        this.pool = Objects.requireNonNull(pool, "pool must not be null");
        this.ledger = Objects.requireNonNull(ledger, "ledger must not be null");
        this.clock = Objects.requireNonNull(clock, "clock must not be null");
        if (window == null || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive");
        }
        if (poolHold == null || poolHold.isNegative() || poolHold.isZero()) {
            throw new IllegalArgumentException("poolHold must be positive");
        }
        this.window = window;
        this.poolHold = poolHold;
    }

    /**
     * Stores this instance's traffic since its last stored interval and the threads waiting for a Postgres connection
     * now (nothing when it counted nothing and nobody waits).
     */
    public synchronized void recordOwn() {
        TrafficTotals now = monitor.totals();
        TrafficTotals interval = now.minus(stored);
        Integer waiting = pool.figures().waiting();
        int waitingNow = waiting == null ? 0 : waiting;
        if (!interval.isEmpty() || waitingNow > 0) {
            ledger.record(instance, clock.now(), interval, waitingNow);
        }
        stored = now;
    }

    /**
     * This instance's pool figures with, as the waiting count, the threads that waited on some instance at every
     * interval of the last {@code poolHold} (stored at least twice, the first in its first half): a pool that stayed
     * exhausted, not a blip.
     */
    public PoolFigures withPoolWaitingHeld(PoolFigures own) {
        Instant now = clock.now();
        int held = ledger.poolWaitingHeld(now.minus(poolHold), now.minus(poolHold.dividedBy(2)));
        return new PoolFigures(own.up(), own.active(), own.idle(), held, own.max());
    }

    /** Every instance's traffic over the last window, summed. */
    public TrafficTotals overWindow() {
        return ledger.sumSince(clock.now().minus(window));
    }

    /** Forgets the intervals older than two windows (the evaluation that held the ledger's lock does it, once a round). */
    public void forgetOld() {
        ledger.prune(clock.now().minus(window.multipliedBy(2)));
    }
}

package dev.strata.application.jobs;

import dev.strata.domain.events.port.EventStream;
import dev.strata.domain.shared.Quota;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * How claims with {@code waitMs} wait: woken by the live events of the queue's topic (null: no live channel), run on
 * a bounded {@code executor} (its threads run the claim attempts and timers; nobody waits on a thread), retried at
 * least every {@code pollInterval} in case a wake-up was lost, at most {@code waitingClaims} at once per tenant on one
 * instance (null: no quota).
 */
public record ClaimWaits(EventStream stream, ScheduledExecutorService executor, Duration pollInterval,
                         Quota waitingClaims) {
    /** The poll interval without a live channel, and the fallback when none is configured. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(250);

    public ClaimWaits {
        Objects.requireNonNull(executor, "executor must not be null");
        Objects.requireNonNull(pollInterval, "pollInterval must not be null");
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("pollInterval must be positive");
        }
    }

    /** Polling only, on one daemon thread: for callers that wire no live channel. */
    public static ClaimWaits polling() {
        return new ClaimWaits(null, Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "strata-jobs-claims");
            thread.setDaemon(true);
            return thread;
        }), DEFAULT_POLL_INTERVAL, null);
    }
}

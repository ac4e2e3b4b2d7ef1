package dev.strata.adapters.redis.cache;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The coherence channel's heartbeat-freshness clock: decides from the subscription's state and the heartbeats an
 * instance hears back from itself whether the channel is up ("subscribed and hearing itself") and until when the
 * instance is {@linkplain #current() current}. Hearing back a heartbeat sent at time t proves that everything
 * published before t has been applied here, so the instance is current until t + max-staleness. Silence longer
 * than {@link #HEARTBEAT_TIMEOUT} counts as a lost channel (a connection can look open while nothing arrives),
 * and hearing a heartbeat again as its return. Times are {@code System.nanoTime} readings of the given source.
 */
final class HeartbeatFreshness {
    /** The shortest interval between heartbeats, whatever the bound. */
    static final Duration MIN_HEARTBEAT_INTERVAL = Duration.ofMillis(5);
    /** Silence after which the channel counts as lost although the connection looks open (a half-open socket). */
    static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(2);

    private final LongSupplier nanoTime;
    private final Duration maxStaleness;
    private final Duration heartbeatInterval;
    private volatile boolean subscribed;
    private volatile boolean heard = true;
    private volatile long lastHeartbeatNanos;
    /** Until when (nanoTime) this instance may say it is current. */
    private volatile long currentUntilNanos;

    HeartbeatFreshness(Duration maxStaleness, LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.maxStaleness = maxStaleness;
        Duration quarter = maxStaleness.dividedBy(4);
        this.heartbeatInterval = quarter.compareTo(MIN_HEARTBEAT_INTERVAL) < 0 ? MIN_HEARTBEAT_INTERVAL : quarter;
        long now = nanoTime.getAsLong();
        this.lastHeartbeatNanos = now;
        this.currentUntilNanos = now;
    }

    /** How often an instance sends itself a heartbeat: four times per bound, at least {@link #MIN_HEARTBEAT_INTERVAL} apart. */
    Duration heartbeatInterval() {
        return heartbeatInterval;
    }

    Duration maxStaleness() {
        return maxStaleness;
    }

    /** The time a heartbeat sent now carries. */
    long now() {
        return nanoTime.getAsLong();
    }

    /** True while subscribed (heartbeats are sent only then). */
    boolean subscribed() {
        return subscribed;
    }

    /** True while subscribed and hearing itself: the channel is up. */
    boolean hearing() {
        return subscribed && heard;
    }

    /** True until the proven bound runs out (the bus adds that its connection is up). */
    boolean current() {
        return nanoTime.getAsLong() - currentUntilNanos < 0;
    }

    /**
     * A confirmed (re-)subscription counts as a heartbeat: nothing sent before it can be missed after it. Returns
     * the time it was confirmed: pass it to {@link #extendCurrent} once the listeners have heard of the return
     * (and flushed), not before.
     */
    long resubscribed() {
        long now = nanoTime.getAsLong();
        lastHeartbeatNanos = now;
        heard = true;
        subscribed = true;
        return now;
    }

    /** The subscription was lost (disconnect). */
    void unsubscribed() {
        subscribed = false;
    }

    /**
     * This instance heard its own heartbeat, sent at {@code sentNanos} (null if the message did not say); true
     * when that ends a silence (the channel is back).
     */
    boolean heartbeatHeard(Long sentNanos) {
        lastHeartbeatNanos = nanoTime.getAsLong();
        if (sentNanos != null) {
            extendCurrent(sentNanos);
        }
        if (!heard) {
            heard = true;
            return true;
        }
        return false;
    }

    /** True when the channel just fell silent: subscribed, but no heartbeat heard for {@link #HEARTBEAT_TIMEOUT}. */
    boolean fellSilent() {
        if (subscribed && heard && nanoTime.getAsLong() - lastHeartbeatNanos > HEARTBEAT_TIMEOUT.toNanos()) {
            heard = false;
            return true;
        }
        return false;
    }

    /** Everything published before {@code sentNanos} has been applied here: current until sentNanos + the bound. */
    synchronized void extendCurrent(long sentNanos) {
        long until = sentNanos + maxStaleness.toNanos();
        if (until - currentUntilNanos > 0) {
            currentUntilNanos = until;
        }
    }
}

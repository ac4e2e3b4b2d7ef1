package dev.strata.adapters.redis.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The heartbeat-freshness clock on a fake nanoTime: when the channel is up and until when an instance is current. */
class HeartbeatFreshnessTest {
    private static final Duration BOUND = Duration.ofMillis(400);
    // nanoTime may be anywhere, negative included
    private final AtomicLong nanos = new AtomicLong(-5_000_000_000L);
    private final HeartbeatFreshness freshness = new HeartbeatFreshness(BOUND, nanos::get);

    private void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    @Test
    void heartbeatsComeFourTimesPerBoundButNotTooOften() {
        assertEquals(Duration.ofMillis(100), freshness.heartbeatInterval());
        assertEquals(BOUND, freshness.maxStaleness());
        assertEquals(HeartbeatFreshness.MIN_HEARTBEAT_INTERVAL,
                new HeartbeatFreshness(Duration.ofMillis(8), nanos::get).heartbeatInterval());
    }

    @Test
    void nothingIsCurrentOrUpBeforeTheFirstSubscription() {
        assertFalse(freshness.current());
        assertFalse(freshness.subscribed());
        assertFalse(freshness.hearing());
        advance(Duration.ofSeconds(10));
        assertFalse(freshness.fellSilent(), "silence counts only while subscribed");
    }

    @Test
    void aConfirmedSubscriptionMakesItCurrentForOneBoundOnceExtended() {
        long confirmed = freshness.resubscribed();
        assertTrue(freshness.hearing());
        assertFalse(freshness.current(), "not before the listeners have heard of the return");
        freshness.extendCurrent(confirmed);
        assertTrue(freshness.current());
        advance(BOUND.minusNanos(1));
        assertTrue(freshness.current());
        advance(Duration.ofNanos(1));
        assertFalse(freshness.current(), "the bound runs out without a heartbeat heard");
    }

    @Test
    void aHeartbeatHeardExtendsFromItsSendTimeNotFromWhenItArrived() {
        freshness.extendCurrent(freshness.resubscribed());
        advance(Duration.ofMillis(100));
        long sent = freshness.now();
        advance(Duration.ofMillis(300));
        assertFalse(freshness.heartbeatHeard(sent), "the channel was not silent: no change to report");
        assertTrue(freshness.current(), "the subscription's bound alone would have run out now");
        advance(Duration.ofMillis(99));
        assertTrue(freshness.current());
        advance(Duration.ofMillis(1));
        assertFalse(freshness.current(), "current until send time + bound, however late it arrived");
        assertFalse(freshness.heartbeatHeard(null), "a heartbeat without a send time proves nothing");
        assertFalse(freshness.current());
    }

    @Test
    void anOlderHeartbeatNeverShortensTheBound() {
        freshness.resubscribed();
        long early = freshness.now();
        advance(Duration.ofMillis(200));
        freshness.heartbeatHeard(freshness.now());
        freshness.heartbeatHeard(early);
        advance(Duration.ofMillis(399));
        assertTrue(freshness.current());
    }

    @Test
    void silenceLosesTheChannelAndTheNextHeartbeatBringsItBack() {
        freshness.extendCurrent(freshness.resubscribed());
        advance(HeartbeatFreshness.HEARTBEAT_TIMEOUT);
        assertFalse(freshness.fellSilent(), "exactly the timeout is not yet silence");
        advance(Duration.ofNanos(1));
        assertTrue(freshness.fellSilent());
        assertFalse(freshness.hearing());
        assertFalse(freshness.fellSilent(), "reported once");
        assertTrue(freshness.subscribed(), "heartbeats keep going out while silent");
        long sent = freshness.now();
        assertTrue(freshness.heartbeatHeard(sent), "the channel is back");
        assertTrue(freshness.hearing());
        assertTrue(freshness.current());
    }

    @Test
    void aLostSubscriptionIsNotUpAndFeelsNoSilence() {
        freshness.extendCurrent(freshness.resubscribed());
        freshness.unsubscribed();
        assertFalse(freshness.hearing());
        assertFalse(freshness.subscribed());
        advance(Duration.ofSeconds(5));
        assertFalse(freshness.fellSilent());
        long back = freshness.resubscribed();
        assertTrue(freshness.hearing());
        assertFalse(freshness.current());
        freshness.extendCurrent(back);
        assertTrue(freshness.current());
    }
}

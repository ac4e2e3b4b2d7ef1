package dev.strata.domain.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.strata.domain.operations.port.TrafficLedger;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract test of {@link TrafficLedger}: intervals of several instances are summed from a point in time on, and
 * pruning forgets the older ones. The ledger is cluster-wide, so each test writes at its own random instants of the
 * year 2000 and compares sums taken before and after its own writes. The in-memory fake and the Postgres adapter
 * extend it.
 */
public abstract class TrafficLedgerContract {
    protected TrafficLedger ledger;

    /** Hook: the ledger under test; called before each test. */
    protected abstract TrafficLedger createSubject();

    @BeforeEach
    void createLedger() {
        ledger = createSubject();
    }

    private static Instant base() {
        return Instant.parse("2000-01-01T00:00:00Z").plusSeconds(ThreadLocalRandom.current().nextLong(0, 300L * 24 * 3600));
    }

    static TrafficTotals totals(long requests, long errors, long l1Hits, long l3Misses, Map<Double, Long> buckets) {
        return new TrafficTotals(new CacheTraffic(new TierTraffic(l1Hits, 1), new TierTraffic(0, 1), new TierTraffic(0, l3Misses)),
                requests, errors, requests, new TreeMap<>(buckets));
    }

    @Test
    void intervalsOfAllInstancesAreSummedFromAnInstantOn() {
        Instant base = base();
        TrafficTotals before = ledger.sumSince(base);
        TrafficTotals a = totals(10, 1, 7, 3, Map.of(5.0, 8L, 50.0, 10L));
        TrafficTotals b = totals(30, 0, 2, 1, Map.of(5.0, 20L, 50.0, 29L));
        ledger.record("instance-a", base.plusSeconds(1), a, 0);
        ledger.record("instance-b", base.plusSeconds(2), b, 0);
        ledger.record("instance-b", base.minusSeconds(60), b, 0);
        TrafficTotals added = ledger.sumSince(base).minus(before);
        assertEquals(40, added.requests());
        assertEquals(1, added.errors5xx());
        assertEquals(9, added.cache().l1().hits());
        assertEquals(4, added.cache().l3().misses());
        assertEquals(28L, added.latencyAtMost().get(5.0));
        assertEquals(39L, added.latencyAtMost().get(50.0));
        assertEquals(50.0, added.http().p95Ms());
    }

    @Test
    void anIntervalIsStoredOnce() {
        Instant base = base();
        TrafficTotals before = ledger.sumSince(base);
        TrafficTotals a = totals(10, 0, 0, 0, Map.of(5.0, 10L));
        ledger.record("instance-a", base, a, 0);
        ledger.record("instance-a", base, a, 0);
        assertEquals(10, ledger.sumSince(base).minus(before).requests(), "a retried store does not count twice");
    }

    @Test
    void poolWaitingCountsWhereItHeldAtEveryIntervalOfTheHold() {
        // instants of the year 3000 and on: no sum of the present reaches them, and no other test's window
        Instant base = Instant.parse("3000-01-01T00:00:00Z").plusSeconds(ThreadLocalRandom.current().nextLong(0, 300_000L * 24 * 3600));
        String id = Long.toHexString(ThreadLocalRandom.current().nextLong());
        ledger.record("held-" + id, base, TrafficTotals.NONE, 3);
        ledger.record("held-" + id, base.plusSeconds(20), TrafficTotals.NONE, 5);
        ledger.record("held-" + id, base.plusSeconds(40), TrafficTotals.NONE, 4);
        ledger.record("blip-" + id, base.plusSeconds(10), TrafficTotals.NONE, 9);
        ledger.record("blip-" + id, base.plusSeconds(30), TrafficTotals.NONE, 0);
        ledger.record("late-" + id, base.plusSeconds(50), TrafficTotals.NONE, 7);
        ledger.record("late-" + id, base.plusSeconds(55), TrafficTotals.NONE, 7);
        assertEquals(3, ledger.poolWaitingHeld(base, base.plusSeconds(30)),
                "waiting at every interval: the fewest; a blip that cleared and a start too late do not count");
        assertEquals(0, ledger.poolWaitingHeld(base.plusSeconds(45), base.plusSeconds(45)), "no instance held it since then");
    }

    @Test
    void pruningForgetsOlderIntervals() {
        Instant base = base();
        ledger.record("instance-c", base.plusSeconds(1), totals(5, 0, 0, 0, Map.of()), 0);
        ledger.record("instance-c", base.plusSeconds(3), totals(7, 0, 0, 0, Map.of()), 0);
        TrafficTotals all = ledger.sumSince(base);
        ledger.prune(base.plusSeconds(2));
        assertEquals(5, all.minus(ledger.sumSince(base)).requests(), "the interval that ended before the cut is gone");
    }
}

package dev.strata.domain.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TrafficTotalsTest {
    @Test
    void anIntervalIsTheDifferenceOfTwoTotalsAndTheClusterTheirSum() {
        TrafficTotals earlier = TrafficLedgerContract.totals(100, 2, 50, 10, Map.of(10.0, 90L, 100.0, 100L));
        TrafficTotals later = TrafficLedgerContract.totals(300, 12, 80, 30, Map.of(10.0, 150L, 100.0, 300L, 1000.0, 300L));
        TrafficTotals interval = later.minus(earlier);
        assertEquals(200, interval.requests());
        assertEquals(10, interval.errors5xx());
        assertEquals(30, interval.cache().l1().hits());
        assertEquals(20, interval.cache().l3().misses());
        assertEquals(60L, interval.latencyAtMost().get(10.0));
        assertEquals(300L, interval.latencyAtMost().get(1000.0), "a bucket new since then counts from zero");
        assertEquals(0.05, interval.http().errorRate());
        // 95 % of 200 = 190 requests: not within 10 ms (60), within 100 ms (200)
        assertEquals(100.0, interval.http().p95Ms());
        TrafficTotals sum = interval.plus(earlier);
        assertEquals(300, sum.requests());
        assertEquals(150L, sum.latencyAtMost().get(10.0));
    }

    @Test
    void theP95OfAWindowIsItsOwnNotTheLifetimes() {
        // a lifetime of fast requests, then a slow interval: the interval's p95 says slow
        TrafficTotals fast = TrafficLedgerContract.totals(10_000, 0, 0, 0, Map.of(10.0, 10_000L, 1000.0, 10_000L));
        TrafficTotals then = TrafficLedgerContract.totals(10_100, 0, 0, 0, Map.of(10.0, 10_000L, 1000.0, 10_100L));
        assertEquals(10.0, then.http().p95Ms());
        assertEquals(1000.0, then.minus(fast).http().p95Ms());
    }

    @Test
    void nothingCountedIsEmptyAndHasNoP95() {
        assertTrue(TrafficTotals.NONE.isEmpty());
        assertNull(TrafficTotals.NONE.http().p95Ms());
        assertNull(TrafficTotals.NONE.http().errorRate());
        TrafficTotals slowest = TrafficLedgerContract.totals(10, 0, 0, 0, Map.of(10.0, 1L));
        assertFalse(slowest.isEmpty());
        assertNull(slowest.http().p95Ms(), "beyond the last bound the p95 is unknown");
    }

    @Test
    void theP95IsOverTheTimedRequestsOnly() {
        // 100 requests, of which 90 long polls: the p95 is over the 10 that answer at once
        TrafficTotals totals = new TrafficTotals(TrafficTotals.NONE.cache(), 100, 0, 10, new java.util.TreeMap<>(Map.of(5.0, 10L)));
        assertEquals(5.0, totals.http().p95Ms());
        assertEquals(100, totals.http().requests());
    }
}

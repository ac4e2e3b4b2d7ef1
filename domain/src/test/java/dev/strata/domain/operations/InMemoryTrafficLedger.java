package dev.strata.domain.operations;

import dev.strata.domain.operations.port.TrafficLedger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** In-memory fake of {@link TrafficLedger}: a list of intervals. */
public final class InMemoryTrafficLedger implements TrafficLedger {
    private record Interval(String instance, Instant at, TrafficTotals totals, int poolWaiting) {
    }

    private final List<Interval> intervals = new ArrayList<>();

    @Override
    public synchronized void record(String instance, Instant at, TrafficTotals interval, int poolWaiting) {
        if (intervals.stream().noneMatch(i -> i.instance().equals(instance) && i.at().equals(at))) {
            intervals.add(new Interval(instance, at, interval, poolWaiting));
        }
    }

    @Override
    public synchronized int poolWaitingHeld(Instant from, Instant earliestBy) {
        int held = 0;
        for (String instance : intervals.stream().map(Interval::instance).distinct().toList()) {
            List<Interval> recent = intervals.stream().filter(i -> i.instance().equals(instance) && !i.at().isBefore(from)).toList();
            int fewest = recent.stream().mapToInt(Interval::poolWaiting).min().orElse(0);
            boolean early = recent.stream().anyMatch(i -> !i.at().isAfter(earliestBy));
            if (recent.size() >= 2 && fewest > 0 && early) {
                held = Math.max(held, fewest);
            }
        }
        return held;
    }

    @Override
    public synchronized TrafficTotals sumSince(Instant from) {
        TrafficTotals sum = TrafficTotals.NONE;
        for (Interval interval : intervals) {
            if (!interval.at().isBefore(from)) {
                sum = sum.plus(interval.totals());
            }
        }
        return sum;
    }

    @Override
    public synchronized void prune(Instant before) {
        intervals.removeIf(i -> i.at().isBefore(before));
    }
}

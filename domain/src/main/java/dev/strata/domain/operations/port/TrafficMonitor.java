package dev.strata.domain.operations.port;

import dev.strata.domain.operations.CacheTraffic;
import dev.strata.domain.operations.HttpTraffic;
import dev.strata.domain.operations.TrafficTotals;

/** Driven port: this instance's cache lookups per tier and HTTP requests since it started, from its metrics. */
public interface TrafficMonitor {
    CacheTraffic cache();

    HttpTraffic http();

    /** Cache lookups, HTTP requests, 5xx answers and the merged latency histogram, all since this instance started. */
    TrafficTotals totals();
}

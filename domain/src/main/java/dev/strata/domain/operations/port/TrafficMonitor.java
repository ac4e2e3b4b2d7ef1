package dev.strata.domain.operations.port;

import dev.strata.domain.operations.CacheTraffic;
import dev.strata.domain.operations.HttpTraffic;

/** Driven port: this instance's cache lookups per tier and HTTP requests since it started, from its metrics. */
public interface TrafficMonitor {
    CacheTraffic cache();

    HttpTraffic http();
}

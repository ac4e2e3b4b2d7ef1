package dev.strata.adapters.http.operations;

import dev.strata.domain.cache.CacheTier;
import dev.strata.domain.operations.CacheTraffic;
import dev.strata.domain.operations.HttpTraffic;
import dev.strata.domain.operations.TierTraffic;
import dev.strata.domain.operations.TrafficTotals;
import dev.strata.domain.operations.port.TrafficMonitor;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import jakarta.inject.Singleton;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Micrometer adapter for {@link TrafficMonitor}: sums {@code strata.cache.requests} per tier and result, and
 * {@code http.server.requests} over every route, merging the latency histograms of the routes that answer at once
 * for the 95th percentile (the upper bound of the bucket it falls in).
 */
@Singleton
public class MicrometerTrafficMonitor implements TrafficMonitor {
    static final String CACHE_METER = "strata.cache.requests";
    static final String HTTP_METER = "http.server.requests";

    private final MeterRegistry registry;

    public MicrometerTrafficMonitor(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public CacheTraffic cache() {
        return new CacheTraffic(tier(CacheTier.L1), tier(CacheTier.L2), tier(CacheTier.L3));
    }

    private TierTraffic tier(CacheTier tier) {
        return new TierTraffic(count(tier, "hit"), count(tier, "miss"));
    }

    private long count(CacheTier tier, String result) {
        return (long) registry.find(CACHE_METER).tag("tier", tier.name()).tag("result", result).counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    @Override
    public HttpTraffic http() {
        Scan scan = scan();
        HttpTraffic http = totals(scan).http();
        if (http.p95Ms() == null && scan.timed() > 0 && scan.maxMs() > 0) {
            // beyond the histogram's last bound: the longest answer seen stands for the p95
            return new HttpTraffic(http.requests(), http.errors5xx(), Math.round(scan.maxMs() * 100) / 100.0);
        }
        return http;
    }

    @Override
    public TrafficTotals totals() {
        return totals(scan());
    }

    private TrafficTotals totals(Scan scan) {
        return new TrafficTotals(cache(), scan.requests(), scan.errors(), scan.timed(), scan.buckets());
    }

    /** Every route's requests and 5xx answers; the merged histogram, count and max of the routes that answer at once. */
    private record Scan(long requests, long errors, long timed, double maxMs, TreeMap<Double, Long> buckets) {
    }

    private Scan scan() {
        long requests = 0;
        long errors = 0;
        long timed = 0;
        double maxMs = 0;
        TreeMap<Double, Long> buckets = new TreeMap<>();
        for (Timer timer : registry.find(HTTP_METER).timers()) {
            long count = timer.count();
            requests += count;
            String status = timer.getId().getTag("status");
            if (status != null && status.startsWith("5")) {
                errors += count;
            }
            if (waits(timer)) {
                continue;
            }
            timed += count;
            maxMs = Math.max(maxMs, timer.max(TimeUnit.MILLISECONDS));
            for (CountAtBucket bucket : timer.takeSnapshot().histogramCounts()) {
                buckets.merge(bucket.bucket(TimeUnit.MILLISECONDS), (long) bucket.count(), Long::sum);
            }
        }
        return new Scan(requests, errors, timed, maxMs, buckets);
    }

    /**
     * Routes that wait by design (a long-poll read, a claim with {@code waitMs}, an SSE stream) answer late when
     * there is nothing to hand out: counted as requests, left out of the latency figures.
     */
    static boolean waits(Timer timer) {
        String uri = timer.getId().getTag("uri");
        return uri != null && (uri.endsWith("/read") || uri.endsWith("/claim") || uri.endsWith("/stream"));
    }
}

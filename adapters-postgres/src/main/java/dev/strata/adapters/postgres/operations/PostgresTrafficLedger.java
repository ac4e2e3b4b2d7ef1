package dev.strata.adapters.postgres.operations;

import dev.strata.adapters.postgres.shared.Jdbc;
import dev.strata.domain.operations.CacheTraffic;
import dev.strata.domain.operations.TierTraffic;
import dev.strata.domain.operations.TrafficTotals;
import dev.strata.domain.operations.port.TrafficLedger;
import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.TreeMap;

/**
 * Postgres adapter for {@link TrafficLedger}: table {@code ops_traffic_samples} (V33, {@code pool_waiting} V35), one row
 * per instance and interval.
 */
@Singleton
public class PostgresTrafficLedger implements TrafficLedger {
    private final Jdbc jdbc;

    public PostgresTrafficLedger(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void record(String instance, Instant at, TrafficTotals interval, int poolWaiting) {
        jdbc.inTransaction(connection -> {
            Double[] bounds = interval.latencyAtMost().keySet().toArray(Double[]::new);
            Long[] counts = interval.latencyAtMost().values().toArray(Long[]::new);
            try (PreparedStatement insert = connection.prepareStatement("insert into ops_traffic_samples (instance, ended_at, "
                    + "requests, errors_5xx, latency_bounds, latency_counts, l1_hits, l1_misses, l2_hits, l2_misses, l3_hits, "
                    + "l3_misses, timed, pool_waiting) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                    + "on conflict (instance, ended_at) do nothing")) {
                CacheTraffic cache = interval.cache();
                insert.setString(1, instance);
                insert.setTimestamp(2, Timestamp.from(at));
                insert.setLong(3, interval.requests());
                insert.setLong(4, interval.errors5xx());
                insert.setArray(5, connection.createArrayOf("float8", bounds));
                insert.setArray(6, connection.createArrayOf("int8", counts));
                insert.setLong(7, cache.l1().hits());
                insert.setLong(8, cache.l1().misses());
                insert.setLong(9, cache.l2().hits());
                insert.setLong(10, cache.l2().misses());
                insert.setLong(11, cache.l3().hits());
                insert.setLong(12, cache.l3().misses());
                insert.setLong(13, interval.timed());
                insert.setInt(14, Math.max(0, poolWaiting));
                insert.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public TrafficTotals sumSince(Instant from) {
        return jdbc.inTransaction(connection -> {
            TrafficTotals sum = TrafficTotals.NONE;
            try (PreparedStatement select = connection.prepareStatement("select requests, errors_5xx, latency_bounds, "
                    + "latency_counts, l1_hits, l1_misses, l2_hits, l2_misses, l3_hits, l3_misses, timed from ops_traffic_samples "
                    + "where ended_at >= ?")) {
                select.setTimestamp(1, Timestamp.from(from));
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        sum = sum.plus(row(rows));
                    }
                }
            }
            return sum;
        });
    }

    @Override
    public int poolWaitingHeld(Instant from, Instant earliestBy) {
        return jdbc.inTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement("select coalesce(max(fewest), 0) from ("
                    + "select min(pool_waiting) as fewest, min(ended_at) as earliest, count(*) as intervals "
                    + "from ops_traffic_samples where ended_at >= ? group by instance) s "
                    + "where fewest > 0 and intervals >= 2 and earliest <= ?")) {
                select.setTimestamp(1, Timestamp.from(from));
                select.setTimestamp(2, Timestamp.from(earliestBy));
                try (ResultSet rows = select.executeQuery()) {
                    rows.next();
                    return rows.getInt(1);
                }
            }
        });
    }

    private static TrafficTotals row(ResultSet rows) throws java.sql.SQLException {
        TreeMap<Double, Long> buckets = new TreeMap<>();
        Object[] bounds = array(rows.getArray(3));
        Object[] counts = array(rows.getArray(4));
        for (int i = 0; i < Math.min(bounds.length, counts.length); i++) {
            buckets.put(((Number) bounds[i]).doubleValue(), ((Number) counts[i]).longValue());
        }
        return new TrafficTotals(new CacheTraffic(new TierTraffic(rows.getLong(5), rows.getLong(6)),
                new TierTraffic(rows.getLong(7), rows.getLong(8)), new TierTraffic(rows.getLong(9), rows.getLong(10))),
                rows.getLong(1), rows.getLong(2), rows.getLong(11), buckets);
    }

    private static Object[] array(Array array) throws java.sql.SQLException {
        return array == null ? new Object[0] : (Object[]) array.getArray();
    }

    @Override
    public void prune(Instant before) {
        jdbc.inTransaction(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("delete from ops_traffic_samples where ended_at < ?")) {
                delete.setTimestamp(1, Timestamp.from(before));
                delete.executeUpdate();
            }
            return null;
        });
    }
}

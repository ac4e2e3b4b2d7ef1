package dev.strata.adapters.redis.operations;

import dev.strata.adapters.redis.shared.RedisConnector;
import dev.strata.domain.operations.RedisFigures;
import dev.strata.domain.operations.port.RedisMonitor;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Map;

/**
 * Redis adapter for {@link RedisMonitor}: one PING, timed, then {@code INFO memory stats clients}. It goes past the
 * circuit breaker (like the health probe), so the overview notices Redis coming back.
 */
@Singleton
public class RedisServerMonitor implements RedisMonitor {
    private final RedisConnector redis;

    public RedisServerMonitor(RedisConnector redis) {
        this.redis = redis;
    }

    @Override
    public RedisFigures figures() {
        try {
            return redis.probe(commands -> {
                long start = System.nanoTime();
                commands.ping();
                double pingMs = (System.nanoTime() - start) / 1e6;
                Map<String, String> info = parse(commands.info("memory") + "\n" + commands.info("stats") + "\n"
                        + commands.info("clients"));
                return new RedisFigures(true, Math.round(pingMs * 100) / 100.0, number(info, "used_memory"),
                        number(info, "maxmemory"), info.get("maxmemory_policy"), number(info, "keyspace_hits"),
                        number(info, "keyspace_misses"), number(info, "evicted_keys"), number(info, "connected_clients"),
                        number(info, "instantaneous_ops_per_sec"));
            });
        } catch (RuntimeException e) {
            // StoreUnavailableException, or an answer it could not read: either way Redis is not usable now
            return RedisFigures.unreachable();
        }
    }

    static Map<String, String> parse(String info) {
        Map<String, String> fields = new HashMap<>();
        for (String line : info.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && !line.startsWith("#")) {
                fields.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
            }
        }
        return fields;
    }

    private static Long number(Map<String, String> info, String field) {
        String value = info.get(field);
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}

package dev.strata.adapters.redis.events;

import dev.strata.adapters.redis.shared.RedisConnector;
import dev.strata.adapters.redis.shared.LuaScript;
import dev.strata.domain.events.port.OpenStreams;
import dev.strata.domain.shared.TenantId;
import io.lettuce.core.ScriptOutputType;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Redis adapter for {@link OpenStreams}: one sorted set per tenant ({@code strata:{tenant}:events:sse-open}) of
 * stream ids scored by lease expiry (server time, ms). Each call is one script, so the count-then-add is atomic
 * across instances; expired members are dropped first, so a dead instance's streams stop counting. The set
 * never holds more than the quota plus what refreshes re-add, and it expires with its last lease.
 */
@Singleton
public class RedisOpenStreams implements OpenStreams {
    static final LuaScript OPEN = LuaScript.of("""
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local lease = tonumber(ARGV[3])
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
            if not redis.call('ZSCORE', KEYS[1], ARGV[1]) and redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then
              return 0
            end
            redis.call('ZADD', KEYS[1], now + lease, ARGV[1])
            if redis.call('PTTL', KEYS[1]) < lease then redis.call('PEXPIRE', KEYS[1], lease) end
            return 1
            """);
    static final LuaScript REFRESH = LuaScript.of("""
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local lease = tonumber(ARGV[1])
            for i = 2, #ARGV do
              redis.call('ZADD', KEYS[1], now + lease, ARGV[i])
            end
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
            redis.call('PEXPIRE', KEYS[1], lease)
            return 1
            """);

    private final RedisConnector redis;

    public RedisOpenStreams(RedisConnector redis) {
        this.redis = redis;
    }

    @Override
    public boolean tryOpen(TenantId tenant, String streamId, long limit, Duration lease) {
        Object reply = redis.evalScript(OPEN, ScriptOutputType.INTEGER, new String[] {key(tenant)}, streamId,
                Long.toString(limit), Long.toString(lease.toMillis()));
        return ((Number) reply).longValue() == 1;
    }

    @Override
    public void refresh(TenantId tenant, Collection<String> streamIds, Duration lease) {
        if (streamIds.isEmpty()) {
            return;
        }
        List<String> args = new ArrayList<>(streamIds.size() + 1);
        args.add(Long.toString(lease.toMillis()));
        args.addAll(streamIds);
        redis.evalScript(REFRESH, ScriptOutputType.INTEGER, new String[] {key(tenant)}, args.toArray(String[]::new));
    }

    @Override
    public void close(TenantId tenant, String streamId) {
        redis.call(commands -> commands.zrem(key(tenant), streamId));
    }

    private static String key(TenantId tenant) {
        return EventKeys.openStreams(tenant);
    }
}

package dev.strata.adapters.redis.ratelimits;

import dev.strata.adapters.redis.shared.RedisConnector;
import dev.strata.adapters.redis.shared.LuaScript;
import dev.strata.domain.ratelimits.RateDecision;
import dev.strata.domain.ratelimits.RateLimitAlgorithm;
import dev.strata.domain.ratelimits.RateLimitPolicy;
import dev.strata.domain.ratelimits.port.RateLimiter;
import dev.strata.domain.shared.RandomTokens;
import io.lettuce.core.ScriptOutputType;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Redis adapter for {@link RateLimiter}: each decision is ONE Lua script run ({@code EVALSHA}), atomic on
 * the server and timed by the server's own clock ({@code TIME}), so every instance sharing the Redis
 * sees one exact count and instance clocks do not matter.
 *
 * <p>Sliding window: a sorted set of the units granted, scored by grant time in microseconds; units
 * older than the window fall out. Token bucket: a hash of the tokens left and when they were counted;
 * the bucket refills at {@code limit / window} and holds at most {@code limit}.
 */
@Singleton
public class RedisRateLimiter implements RateLimiter {
    /** Replies: allowed (0/1), remaining, reset at (epoch ms), retry after (ms). */
    static final LuaScript SLIDING_WINDOW = LuaScript.of("""
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
            local window = tonumber(ARGV[1]) * 1000000
            local limit = tonumber(ARGV[2])
            local cost = tonumber(ARGV[3])
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
            local used = redis.call('ZCARD', KEYS[1])
            local allowed = 0
            if used + cost <= limit then
              for i = 1, cost do
                redis.call('ZADD', KEYS[1], now, ARGV[4] .. ':' .. i)
              end
              used = used + cost
              allowed = 1
            end
            local reset = now + window
            local retry = 0
            local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
            if oldest[2] then
              reset = tonumber(oldest[2]) + window
              redis.call('PEXPIRE', KEYS[1], math.ceil(window / 1000))
            end
            if allowed == 0 then
              if cost > limit then
                retry = window
              else
                -- units leave in grant order: wait until enough of the oldest have left
                local needed = used + cost - limit
                local leaving = redis.call('ZRANGE', KEYS[1], needed - 1, needed - 1, 'WITHSCORES')
                if leaving[2] then retry = tonumber(leaving[2]) + window - now else retry = window end
              end
            end
            return {allowed, limit - used, math.floor(reset / 1000), math.ceil(retry / 1000)}
            """);
    static final LuaScript TOKEN_BUCKET = LuaScript.of("""
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
            local window = tonumber(ARGV[1]) * 1000000
            local limit = tonumber(ARGV[2])
            local cost = tonumber(ARGV[3])
            local rate = limit / window
            local state = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
            local tokens = tonumber(state[1])
            local ts = tonumber(state[2])
            if tokens == nil or ts == nil then
              tokens = limit
              ts = now
            end
            if now > ts then tokens = math.min(limit, tokens + (now - ts) * rate) end
            local allowed = 0
            if tokens >= cost then
              tokens = tokens - cost
              allowed = 1
            end
            redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', tostring(math.max(now, ts)))
            redis.call('PEXPIRE', KEYS[1], math.ceil(window / 1000))
            local reset = now + (limit - tokens) / rate
            local retry = 0
            if allowed == 0 then
              if cost > limit then retry = window else retry = (cost - tokens) / rate end
            end
            return {allowed, math.floor(tokens), math.floor(reset / 1000), math.ceil(retry / 1000)}
            """);

    private final RedisConnector redis;

    public RedisRateLimiter(RedisConnector redis) {
        this.redis = redis;
    }

    @Override
    public RateDecision consume(RateLimitPolicy policy, String key, int cost) {
        Call call = call(policy, key, cost);
        List<Object> reply = redis.evalScript(call.script(), ScriptOutputType.MULTI, call.keys(), call.args());
        return decision(policy, reply);
    }

    /** The same script on the same connection, sent without waiting: the reply completes the stage on Redis's I/O thread. */
    @Override
    public Optional<CompletionStage<RateDecision>> consumeWithoutBlocking(RateLimitPolicy policy, String key, int cost) {
        Call call = call(policy, key, cost);
        return redis.<List<Object>>evalScriptAsync(call.script(), ScriptOutputType.MULTI, call.keys(), call.args())
                .map(reply -> reply.thenApply(answer -> decision(policy, answer)));
    }

    private record Call(LuaScript script, String[] keys, String[] args) {
    }

    private static Call call(RateLimitPolicy policy, String key, int cost) {
        if (cost < 1) {
            throw new IllegalArgumentException("cost must be at least 1");
        }
        boolean sliding = policy.algorithm() == RateLimitAlgorithm.SLIDING_WINDOW;
        String redisKey = RateLimitKeys.rateLimit(policy.name(), sliding ? "sw" : "tb", key);
        // a refusal costs nothing, so a cost above the limit never needs the loop of grants
        int bounded = Math.min(cost, policy.limit() + 1);
        return new Call(sliding ? SLIDING_WINDOW : TOKEN_BUCKET, new String[] {redisKey},
                new String[] {Integer.toString(policy.windowSeconds()), Integer.toString(policy.limit()),
                        Integer.toString(bounded), RandomTokens.next(16)});
    }

    private static RateDecision decision(RateLimitPolicy policy, List<Object> reply) {
        return new RateDecision(number(reply, 0) == 1, policy.limit(), (int) number(reply, 1),
                Instant.ofEpochMilli(number(reply, 2)), number(reply, 3));
    }

    private static long number(List<Object> reply, int index) {
        return ((Number) reply.get(index)).longValue();
    }
}

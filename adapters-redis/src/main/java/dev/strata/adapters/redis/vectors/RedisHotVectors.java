package dev.strata.adapters.redis.vectors;

import dev.strata.adapters.redis.shared.LuaScript;
import dev.strata.adapters.redis.shared.RedisConnector;
import dev.strata.domain.shared.ResourceName;
import dev.strata.domain.vectors.port.CollectionStamp;
import dev.strata.domain.vectors.port.HotVectors;
import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Redis adapter for {@link HotVectors}. Reads are counted in a hash per tumbling window (number = Redis time /
 * window, expiring after two windows); copies live in one hash per collection as {@code <stamp>\n<bytes>}, with a
 * sorted set of last reads for the least-recently-read eviction. A copy whose stamp is not the collection's current
 * one (see {@link RedisSearchResultCache}) is never answered and is dropped when met. One Lua script per call.
 */
public class RedisHotVectors implements HotVectors {
    /** How long the copies of a collection outlive its last keep or served read. */
    static final Duration IDLE_LIFE = Duration.ofHours(1);

    /**
     * KEYS: stamp, copies, recency. ARGV: reads prefix, id, window ms, threshold, idle ms. Returns {1, bytes} for a
     * current copy, else {0, hot[, stamp]}.
     */
    static final LuaScript READ = LuaScript.of("""
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local window = tonumber(ARGV[3])
            local reads = ARGV[1] .. math.floor(now / window)
            local n = redis.call('HINCRBY', reads, ARGV[2], 1)
            redis.call('PEXPIRE', reads, 2 * window)
            local cur = redis.call('GET', KEYS[1])
            local kept = redis.call('HGET', KEYS[2], ARGV[2])
            if kept then
              local sep = string.find(kept, '\\n', 1, true)
              if cur and sep and string.sub(kept, 1, sep - 1) == cur then
                redis.call('ZADD', KEYS[3], now, ARGV[2])
                redis.call('PEXPIRE', KEYS[2], ARGV[5])
                redis.call('PEXPIRE', KEYS[3], ARGV[5])
                return {1, string.sub(kept, sep + 1)}
              end
              redis.call('HDEL', KEYS[2], ARGV[2])
              redis.call('ZREM', KEYS[3], ARGV[2])
            end
            local hot = 0
            if n > tonumber(ARGV[4]) then hot = 1 end
            if cur then return {0, hot, cur} end
            return {0, hot}
            """);

    /** KEYS: stamp, copies, recency. ARGV: expected stamp, id, bytes, max copies, idle ms. */
    static final LuaScript KEEP = LuaScript.of("""
            if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            redis.call('HSET', KEYS[2], ARGV[2], ARGV[1] .. '\\n' .. ARGV[3])
            redis.call('ZADD', KEYS[3], now, ARGV[2])
            local over = redis.call('ZCARD', KEYS[3]) - tonumber(ARGV[4])
            if over > 0 then
              local old = redis.call('ZRANGE', KEYS[3], 0, over - 1)
              for i = 1, #old do redis.call('HDEL', KEYS[2], old[i]) end
              redis.call('ZREMRANGEBYRANK', KEYS[3], 0, over - 1)
            end
            redis.call('PEXPIRE', KEYS[2], ARGV[5])
            redis.call('PEXPIRE', KEYS[3], ARGV[5])
            return 1
            """);

    /** KEYS: copies, recency. ARGV: reads prefix, window ms. */
    static final LuaScript FORGET = LuaScript.of("""
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local window = math.floor(now / tonumber(ARGV[2]))
            redis.call('DEL', KEYS[1], KEYS[2], ARGV[1] .. window, ARGV[1] .. (window - 1))
            return 1
            """);

    private final RedisConnector redis;
    private final int maxCopies;
    private final Duration window;
    private final int threshold;

    /**
     * @param maxCopies most copies kept per collection, the least recently read evicted first
     * @param window    length of the tumbling window reads are counted in
     * @param threshold an item read more than this often in one window is hot
     */
    public RedisHotVectors(RedisConnector redis, int maxCopies, Duration window, int threshold) {
        this.redis = Objects.requireNonNull(redis, "redis must not be null");
        this.window = RedisSearchResultCache.positive(window, "window");
        if (maxCopies < 1) {
            throw new IllegalArgumentException("maxCopies must be at least 1");
        }
        if (threshold < 0) {
            throw new IllegalArgumentException("threshold must not be negative");
        }
        this.maxCopies = maxCopies;
        this.threshold = threshold;
    }

    @Override
    public Read read(ResourceName collection, String id) {
        byte[][] keys = {VectorKeys.version(collection), VectorKeys.hotCopies(collection), VectorKeys.hotRecency(collection)};
        List<Object> answer = redis.callBinary(c -> READ.run(c, ScriptOutputType.MULTI, keys,
                VectorKeys.hotReadsPrefix(collection), VectorKeys.utf8(checkedId(id)), VectorKeys.number(window.toMillis()),
                VectorKeys.number(threshold), VectorKeys.number(IDLE_LIFE.toMillis())));
        if ((Long) answer.get(0) == 1L) {
            return new Read.Kept((byte[]) answer.get(1));
        }
        Optional<CollectionStamp> stamp = answer.size() > 2 ? Optional.of(VectorKeys.stamp((byte[]) answer.get(2))) : Optional.empty();
        return new Read.NotKept((Long) answer.get(1) == 1L, stamp);
    }

    @Override
    public boolean keep(ResourceName collection, CollectionStamp stamp, String id, byte[] item) {
        Objects.requireNonNull(item, "item must not be null");
        byte[][] keys = {VectorKeys.version(collection), VectorKeys.hotCopies(collection), VectorKeys.hotRecency(collection)};
        Long kept = redis.callBinary(c -> KEEP.run(c, ScriptOutputType.INTEGER, keys, VectorKeys.stamp(stamp),
                VectorKeys.utf8(checkedId(id)), item, VectorKeys.number(maxCopies), VectorKeys.number(IDLE_LIFE.toMillis())));
        return kept != null && kept == 1L;
    }

    @Override
    public void forget(ResourceName collection) {
        byte[][] keys = {VectorKeys.hotCopies(collection), VectorKeys.hotRecency(collection)};
        redis.callBinary(c -> FORGET.run(c, ScriptOutputType.INTEGER, keys, VectorKeys.hotReadsPrefix(collection),
                VectorKeys.number(window.toMillis())));
    }

    private static String checkedId(String id) {
        if (id == null || id.isEmpty() || id.length() > 256) {
            throw new IllegalArgumentException("id must be 1 to 256 characters");
        }
        return id;
    }
}

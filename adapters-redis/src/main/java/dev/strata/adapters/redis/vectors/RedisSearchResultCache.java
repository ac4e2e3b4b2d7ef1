package dev.strata.adapters.redis.vectors;

import dev.strata.adapters.redis.shared.LuaScript;
import dev.strata.adapters.redis.shared.RedisConnector;
import dev.strata.domain.shared.ResourceName;
import dev.strata.domain.vectors.port.CollectionStamp;
import dev.strata.domain.vectors.port.SearchResultCache;
import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Redis adapter for {@link SearchResultCache}. The stamp is one string key per collection,
 * {@code <version>:<token>} with a PX lease; results are string keys named by stamp and request hash, indexed by a
 * sorted set scored by store time that the store script trims (expired first, then the oldest beyond the maximum).
 * Every call is one Lua script, so a lookup reads the stamp and the entry under it atomically and a store is
 * refused once the stamp has moved on.
 */
public class RedisSearchResultCache implements SearchResultCache {
    /** Returns the current stamp: a smaller (or no) version is replaced, with a new token and a fresh lease. */
    static final LuaScript PUBLISH = LuaScript.of("""
            local cur = redis.call('GET', KEYS[1])
            if cur then
              local sep = string.find(cur, ':', 1, true)
              if sep and tonumber(string.sub(cur, 1, sep - 1)) >= tonumber(ARGV[1]) then return cur end
            end
            local val = ARGV[1] .. ':' .. ARGV[2]
            redis.call('SET', KEYS[1], val, 'PX', ARGV[3])
            return val
            """);

    /**
     * KEYS: stamp, renewal marker. ARGV: result prefix, request hash, lease ms, marker ms. Returns {0} without a
     * stamp, else {1 miss | 2 hit, stamp, renewal due, now ms[, result]}.
     */
    static final LuaScript LOOKUP = LuaScript.of("""
            local cur = redis.call('GET', KEYS[1])
            if not cur then return {0} end
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local due = 0
            local left = redis.call('PTTL', KEYS[1])
            if left >= 0 and left * 2 < tonumber(ARGV[3]) then
              if redis.call('SET', KEYS[2], '1', 'NX', 'PX', ARGV[4]) then due = 1 end
            end
            local entry = redis.call('GET', ARGV[1] .. cur .. ':' .. ARGV[2])
            if entry then return {2, cur, due, now, entry} end
            return {1, cur, due, now}
            """);

    /** KEYS: stamp. ARGV: expected stamp, new expiry (ms since the epoch, Redis clock). */
    static final LuaScript RENEW = LuaScript.of("""
            if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local left = redis.call('PTTL', KEYS[1])
            if left >= 0 and tonumber(ARGV[2]) > now + left then redis.call('PEXPIREAT', KEYS[1], ARGV[2]) end
            return 1
            """);

    /** KEYS: stamp, index. ARGV: expected stamp, result prefix, request hash, result, ttl ms, max entries. */
    static final LuaScript STORE = LuaScript.of("""
            if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local member = ARGV[1] .. ':' .. ARGV[3]
            redis.call('SET', ARGV[2] .. member, ARGV[4], 'PX', ARGV[5])
            redis.call('ZADD', KEYS[2], now, member)
            redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - tonumber(ARGV[5]))
            local over = redis.call('ZCARD', KEYS[2]) - tonumber(ARGV[6])
            if over > 0 then
              local old = redis.call('ZRANGE', KEYS[2], 0, over - 1)
              for i = 1, #old do redis.call('DEL', ARGV[2] .. old[i]) end
              redis.call('ZREMRANGEBYRANK', KEYS[2], 0, over - 1)
            end
            redis.call('PEXPIRE', KEYS[2], ARGV[5])
            return 1
            """);

    /** KEYS: stamp, renewal marker, index. ARGV: result prefix. */
    static final LuaScript FORGET = LuaScript.of("""
            local members = redis.call('ZRANGE', KEYS[3], 0, -1)
            for i = 1, #members do redis.call('DEL', ARGV[1] .. members[i]) end
            redis.call('DEL', KEYS[1], KEYS[2], KEYS[3])
            return #members
            """);

    private final RedisConnector redis;
    private final Duration resultTtl;
    private final int maxEntries;
    private final Duration versionLease;

    /**
     * @param resultTtl    how long a stored result lives (at most; a new stamp makes it unreachable at once)
     * @param maxEntries   most results kept per collection, the oldest evicted first
     * @param versionLease life of a stamp that is not renewed
     */
    public RedisSearchResultCache(RedisConnector redis, Duration resultTtl, int maxEntries, Duration versionLease) {
        this.redis = Objects.requireNonNull(redis, "redis must not be null");
        this.resultTtl = positive(resultTtl, "resultTtl");
        this.versionLease = positive(versionLease, "versionLease");
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1");
        }
        this.maxEntries = maxEntries;
    }

    static Duration positive(Duration duration, String name) {
        if (duration == null || duration.toMillis() < 1) {
            throw new IllegalArgumentException(name + " must be at least 1ms");
        }
        return duration;
    }

    @Override
    public Duration versionLease() {
        return versionLease;
    }

    @Override
    public CollectionStamp publishVersion(ResourceName collection, long version) {
        return setVersion(redis, collection, version, versionLease);
    }

    @Override
    public CollectionStamp seedVersion(ResourceName collection, long version) {
        return setVersion(redis, collection, version, versionLease);
    }

    static CollectionStamp setVersion(RedisConnector redis, ResourceName collection, long version, Duration lease) {
        if (version < 0) {
            throw new IllegalArgumentException("version must not be negative");
        }
        byte[][] keys = {VectorKeys.version(collection)};
        long token = ThreadLocalRandom.current().nextLong();
        byte[] current = redis.callBinary(c -> PUBLISH.run(c, ScriptOutputType.VALUE, keys, VectorKeys.number(version),
                VectorKeys.utf8(Long.toUnsignedString(token)), VectorKeys.number(lease.toMillis())));
        return VectorKeys.stamp(current);
    }

    @Override
    public Lookup lookup(ResourceName collection, String requestHash) {
        byte[][] keys = {VectorKeys.version(collection), VectorKeys.renewing(collection)};
        long lease = versionLease.toMillis();
        List<Object> answer = redis.callBinary(c -> LOOKUP.run(c, ScriptOutputType.MULTI, keys,
                VectorKeys.resultPrefix(collection), VectorKeys.utf8(checkedHash(requestHash)), VectorKeys.number(lease),
                VectorKeys.number(Math.max(1, lease / 4))));
        long kind = (Long) answer.get(0);
        if (kind == 0) {
            return new Lookup.Unversioned();
        }
        CollectionStamp stamp = VectorKeys.stamp((byte[]) answer.get(1));
        Renewal renewal = (Long) answer.get(2) == 1L ? new Renewal(true, (Long) answer.get(3)) : Renewal.NONE;
        return kind == 2 ? new Lookup.Hit((byte[]) answer.get(4), stamp, renewal) : new Lookup.Miss(stamp, renewal);
    }

    @Override
    public boolean renewVersion(ResourceName collection, CollectionStamp stamp, long checkpointMillis) {
        byte[][] keys = {VectorKeys.version(collection)};
        Long renewed = redis.callBinary(c -> RENEW.run(c, ScriptOutputType.INTEGER, keys, VectorKeys.stamp(stamp),
                VectorKeys.number(checkpointMillis + versionLease.toMillis())));
        return renewed != null && renewed == 1L;
    }

    @Override
    public boolean store(ResourceName collection, CollectionStamp stamp, String requestHash, byte[] result) {
        Objects.requireNonNull(result, "result must not be null");
        byte[][] keys = {VectorKeys.version(collection), VectorKeys.resultIndex(collection)};
        Long stored = redis.callBinary(c -> STORE.run(c, ScriptOutputType.INTEGER, keys, VectorKeys.stamp(stamp),
                VectorKeys.resultPrefix(collection), VectorKeys.utf8(checkedHash(requestHash)), result,
                VectorKeys.number(resultTtl.toMillis()), VectorKeys.number(maxEntries)));
        return stored != null && stored == 1L;
    }

    @Override
    public void forget(ResourceName collection) {
        byte[][] keys = {VectorKeys.version(collection), VectorKeys.renewing(collection), VectorKeys.resultIndex(collection)};
        redis.callBinary(c -> FORGET.run(c, ScriptOutputType.INTEGER, keys, VectorKeys.resultPrefix(collection)));
    }

    private static String checkedHash(String requestHash) {
        if (requestHash == null || requestHash.isEmpty() || requestHash.length() > 256) {
            throw new IllegalArgumentException("requestHash must be 1 to 256 characters");
        }
        return requestHash;
    }
}

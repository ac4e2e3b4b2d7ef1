package dev.strata.adapters.redis.cache;

import dev.strata.adapters.redis.shared.LuaScript;
import dev.strata.adapters.redis.shared.RedisConnector;
import dev.strata.domain.cache.CacheKey;
import dev.strata.domain.cache.FillStamp;
import dev.strata.domain.cache.LeaseToken;
import dev.strata.domain.cache.port.CacheLeases;
import dev.strata.domain.cache.port.FillStamps;
import dev.strata.domain.shared.ResourceName;
import io.lettuce.core.KeyValue;
import io.lettuce.core.ScriptOutputType;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Redis adapter for {@link CacheLeases} and {@link FillStamps} (one set of epochs serves both). A lease is
 * a key holding {@code <token>:<namespace epoch>} with a
 * PX expiry; voiding a key deletes its lease and bumps the key's epoch, voiding a namespace bumps the
 * namespace epoch (so every lease and stamp taken before is worth nothing). Grant and redeem are Lua
 * scripts: exactly one caller wins.
 */
@Singleton
public class RedisCacheLeases implements CacheLeases, FillStamps {
    /** KEYS: lease, namespace epoch. ARGV: token, ttl ms. */
    private static final LuaScript ACQUIRE = LuaScript.of("""
            local cur = redis.call('GET', KEYS[1])
            local ep = redis.call('GET', KEYS[2]) or '0'
            if cur then
              local sep = string.find(cur, ':', 1, true)
              if sep and string.sub(cur, sep + 1) == ep then return 0 end
            end
            redis.call('SET', KEYS[1], ARGV[1] .. ':' .. ep, 'PX', ARGV[2])
            return 1
            """);

    /** KEYS: lease, namespace epoch. ARGV: token. */
    private static final LuaScript REDEEM = LuaScript.of("""
            local cur = redis.call('GET', KEYS[1])
            if not cur then return 0 end
            local sep = string.find(cur, ':', 1, true)
            if not sep or string.sub(cur, 1, sep - 1) ~= ARGV[1] then return 0 end
            redis.call('DEL', KEYS[1])
            local ep = redis.call('GET', KEYS[2]) or '0'
            if string.sub(cur, sep + 1) == ep then return 1 end
            return 0
            """);

    /** KEYS: pairs of (key epoch, lease). ARGV: epoch ttl ms. */
    private static final LuaScript VOID_KEYS = LuaScript.of("""
            for i = 1, #KEYS, 2 do
              redis.call('INCR', KEYS[i])
              redis.call('PEXPIRE', KEYS[i], ARGV[1])
              redis.call('DEL', KEYS[i + 1])
            end
            return #KEYS / 2
            """);

    private final RedisConnector redis;

    public RedisCacheLeases(RedisConnector redis) {
        this.redis = redis;
    }

    @Override
    public Optional<LeaseToken> acquire(CacheKey key, Duration ttl) {
        LeaseToken token = LeaseToken.random();
        byte[][] keys = {CacheKeys.lease(key), CacheKeys.namespaceEpoch(key.namespace())};
        Long granted = redis.callBinary(c -> ACQUIRE.run(c, ScriptOutputType.INTEGER, keys, ascii(token.value()),
                ascii(Long.toString(Math.max(1, ttl.toMillis())))));
        return granted != null && granted == 1L ? Optional.of(token) : Optional.empty();
    }

    @Override
    public boolean redeem(CacheKey key, LeaseToken token) {
        byte[][] keys = {CacheKeys.lease(key), CacheKeys.namespaceEpoch(key.namespace())};
        Long redeemed = redis.callBinary(c -> REDEEM.run(c, ScriptOutputType.INTEGER, keys, ascii(token.value())));
        return redeemed != null && redeemed == 1L;
    }

    @Override
    public FillStamp stamp(CacheKey key) {
        byte[] namespaceEpoch = CacheKeys.namespaceEpoch(key.namespace());
        byte[] keyEpoch = CacheKeys.keyEpoch(key);
        List<KeyValue<byte[], byte[]>> values = redis.callBinary(c -> c.mget(namespaceEpoch, keyEpoch));
        return new FillStamp(number(values.get(0)), number(values.get(1)));
    }

    @Override
    public boolean unchangedSince(CacheKey key, FillStamp stamp) {
        return stamp(key).equals(stamp);
    }

    @Override
    public void voidKeys(ResourceName namespace, Collection<String> keys) {
        List<byte[]> pairs = new ArrayList<>();
        for (String key : keys) {
            CacheKey cacheKey = new CacheKey(namespace, key);
            pairs.add(CacheKeys.keyEpoch(cacheKey));
            pairs.add(CacheKeys.lease(cacheKey));
        }
        if (pairs.isEmpty()) {
            return;
        }
        byte[][] keyArray = pairs.toArray(byte[][]::new);
        redis.callBinary(c -> VOID_KEYS.run(c, ScriptOutputType.INTEGER, keyArray, ascii(Long.toString(CacheKeys.KEY_EPOCH_TTL_MILLIS))));
    }

    @Override
    public void voidNamespace(ResourceName namespace) {
        byte[] key = CacheKeys.namespaceEpoch(namespace);
        redis.callBinary(c -> c.incr(key));
    }

    private static long number(KeyValue<byte[], byte[]> value) {
        return value.hasValue() ? Long.parseLong(new String(value.getValue(), StandardCharsets.US_ASCII)) : 0L;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}

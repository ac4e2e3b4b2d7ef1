package dev.strata.adapters.redis.cache;

import dev.strata.adapters.redis.shared.LuaScript;
import dev.strata.adapters.redis.shared.RedisConnector;
import dev.strata.domain.cache.CacheEntry;
import dev.strata.domain.cache.CacheKey;
import dev.strata.domain.cache.CacheValue;
import dev.strata.domain.cache.ETag;
import dev.strata.domain.cache.FillStamp;
import dev.strata.domain.cache.Tag;
import dev.strata.domain.cache.port.SharedCacheTier;
import dev.strata.domain.shared.Clock;
import dev.strata.domain.shared.ResourceName;
import dev.strata.domain.shared.TenantContext;
import io.lettuce.core.ScriptOutputType;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

/**
 * Redis adapter for {@link SharedCacheTier} (L2). An entry is a hash with a PEXPIREAT at its expiry. Besides it,
 * each namespace keeps a sorted set of its keys (all scores 0, so ZRANGEBYLEX finds a prefix without
 * SCAN) and each tag a set of the keys carrying it; invalidating a tag or a prefix walks only those sets,
 * in batches, never the keyspace. Every change is one Lua script, so entry, index and tag sets never
 * disagree.
 */
@Singleton
public class RedisCacheStore implements SharedCacheTier {
    private static final int BATCH = 500;

    private static final String HELPERS = """
            local function extend(k, exp)
              local t = redis.call('PEXPIRETIME', k)
              if t == -1 or t < exp then redis.call('PEXPIREAT', k, exp) end
            end
            local function drop(entry, index, tagPrefix, member, now)
              local old = redis.call('HMGET', entry, 'x', 't')
              redis.call('ZREM', index, member)
              if not old[1] then return 0 end
              if old[2] then
                for tag in string.gmatch(old[2], '%S+') do redis.call('SREM', tagPrefix .. tag, member) end
              end
              redis.call('DEL', entry)
              if tonumber(old[1]) > now then return 1 end
              return 0
            end
            """;

    /**
     * KEYS: entry, index, and for mode since: namespace epoch, key epoch. ARGV: value, etag, expiresAt, tags,
     * tagPrefix, member, mode (put|nx|match|since), expected etag, now, and for mode since: the stamp's
     * namespace epoch and key epoch, the key epoch's ttl ms.
     */
    private static final LuaScript PUT = LuaScript.of(HELPERS + """
            local now = tonumber(ARGV[9])
            if ARGV[7] == 'since' then
              local ne = redis.call('GET', KEYS[3]) or '0'
              local ke = redis.call('GET', KEYS[4]) or '0'
              redis.call('INCR', KEYS[4])
              redis.call('PEXPIRE', KEYS[4], ARGV[12])
              if ne ~= ARGV[10] or ke ~= ARGV[11] then
                drop(KEYS[1], KEYS[2], ARGV[5], ARGV[6], now)
                return 0
              end
            end
            local old = redis.call('HMGET', KEYS[1], 'e', 'x')
            local live = old[1] and tonumber(old[2]) > now
            local mode = ARGV[7]
            if mode == 'nx' and live then return 0 end
            if mode == 'match' and ((not live) or old[1] ~= ARGV[8]) then return 0 end
            drop(KEYS[1], KEYS[2], ARGV[5], ARGV[6], now)
            local exp = tonumber(ARGV[3])
            if exp <= now then return 1 end
            redis.call('HSET', KEYS[1], 'v', ARGV[1], 'e', ARGV[2], 'x', ARGV[3], 't', ARGV[4])
            redis.call('PEXPIREAT', KEYS[1], exp)
            redis.call('ZADD', KEYS[2], 0, ARGV[6])
            extend(KEYS[2], exp)
            for tag in string.gmatch(ARGV[4], '%S+') do
              local tk = ARGV[5] .. tag
              redis.call('SADD', tk, ARGV[6])
              extend(tk, exp)
            end
            return 1
            """);

    /** KEYS: entry, index. ARGV: tagPrefix, member, now. */
    private static final LuaScript DELETE = LuaScript.of(HELPERS + """
            return drop(KEYS[1], KEYS[2], ARGV[1], ARGV[2], tonumber(ARGV[3]))
            """);

    /**
     * KEYS: index, tag set (for mode tag). ARGV: entryPrefix, tagPrefix, now, mode (prefix|tag|all), min, max, batch.
     * Answers {live entries removed, members processed}; the caller repeats while a full batch was processed.
     */
    private static final LuaScript DELETE_MANY = LuaScript.of(HELPERS + """
            local now = tonumber(ARGV[3])
            local batch = tonumber(ARGV[7])
            local members
            if ARGV[4] == 'tag' then
              members = redis.call('SPOP', KEYS[2], batch)
            elseif ARGV[4] == 'prefix' then
              members = redis.call('ZRANGEBYLEX', KEYS[1], ARGV[5], ARGV[6], 'LIMIT', 0, batch)
            else
              members = redis.call('ZRANGE', KEYS[1], 0, batch - 1)
            end
            local removed = 0
            for _, member in ipairs(members) do
              removed = removed + drop(ARGV[1] .. member, KEYS[1], ARGV[2], member, now)
            end
            return {removed, #members}
            """);

    /** KEYS: entries. Answers one {v, e, x, t} per key. */
    private static final LuaScript GET_ALL = LuaScript.of("""
            local result = {}
            for i, k in ipairs(KEYS) do result[i] = redis.call('HMGET', k, 'v', 'e', 'x', 't') end
            return result
            """);

    private static final byte[] V = {'v'};
    private static final byte[] E = {'e'};
    private static final byte[] X = {'x'};
    private static final byte[] T = {'t'};

    private final RedisConnector redis;
    private final Clock clock;

    public RedisCacheStore(RedisConnector redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    @Override
    public Optional<CacheEntry> get(CacheKey key) {
        byte[] entryKey = CacheKeys.entry(key);
        return decodeFields(key, redis.callBinary(c -> c.hmget(entryKey, V, E, X, T)));
    }

    @Override
    public CompletionStage<Optional<CacheEntry>> getAsync(CacheKey key) {
        byte[] entryKey = CacheKeys.entry(key);
        return redis.callBinaryAsync(c -> c.hmget(entryKey, V, E, X, T)).thenApply(fields -> decodeFields(key, fields));
    }

    /** An entry from the answer to {@code HMGET v e x t}. */
    private Optional<CacheEntry> decodeFields(CacheKey key, List<io.lettuce.core.KeyValue<byte[], byte[]>> fields) {
        return decode(key, fields.stream().map(kv -> kv.hasValue() ? kv.getValue() : null).toList());
    }

    @Override
    public Map<CacheKey, CacheEntry> getAll(Collection<CacheKey> keys) {
        TenantContext.require();
        Map<CacheKey, CacheEntry> hits = new LinkedHashMap<>();
        if (keys.isEmpty()) {
            return hits;
        }
        List<CacheKey> ordered = new ArrayList<>(keys);
        byte[][] entryKeys = ordered.stream().map(CacheKeys::entry).toArray(byte[][]::new);
        List<Object> rows = redis.callBinary(c -> GET_ALL.run(c, ScriptOutputType.MULTI, entryKeys));
        for (int i = 0; i < ordered.size(); i++) {
            @SuppressWarnings("unchecked")
            List<Object> row = (List<Object>) rows.get(i);
            List<byte[]> fields = row.stream().map(o -> (byte[]) o).toList();
            decode(ordered.get(i), fields).ifPresent(entry -> hits.put(entry.key(), entry));
        }
        return hits;
    }

    private Optional<CacheEntry> decode(CacheKey key, List<byte[]> fields) {
        if (fields.size() < 4 || fields.get(0) == null || fields.get(1) == null || fields.get(2) == null) {
            return Optional.empty();
        }
        Instant expiresAt = Instant.ofEpochMilli(Long.parseLong(new String(fields.get(2), StandardCharsets.US_ASCII)));
        if (!clock.now().isBefore(expiresAt)) {
            return Optional.empty();
        }
        Set<Tag> tags = new HashSet<>();
        if (fields.get(3) != null && fields.get(3).length > 0) {
            for (String tag : new String(fields.get(3), StandardCharsets.UTF_8).split(" ")) {
                tags.add(new Tag(tag));
            }
        }
        return Optional.of(new CacheEntry(key, new CacheValue(fields.get(0)),
                new ETag(new String(fields.get(1), StandardCharsets.US_ASCII)), expiresAt, tags));
    }

    @Override
    public void put(CacheEntry entry) {
        write(entry, "put", null);
    }

    @Override
    public boolean putIfAbsent(CacheEntry entry) {
        return write(entry, "nx", null);
    }

    @Override
    public boolean putIfMatch(CacheEntry entry, ETag expected) {
        return write(entry, "match", expected);
    }

    @Override
    public boolean putUnlessChangedSince(CacheEntry entry, FillStamp since) {
        return write(entry, "since", null, since);
    }

    private boolean write(CacheEntry entry, String mode, ETag expected) {
        return write(entry, mode, expected, null);
    }

    private boolean write(CacheEntry entry, String mode, ETag expected, FillStamp since) {
        CacheKey key = entry.key();
        byte[][] keys = since == null
                ? new byte[][] {CacheKeys.entry(key), CacheKeys.index(key.namespace())}
                : new byte[][] {CacheKeys.entry(key), CacheKeys.index(key.namespace()),
                    CacheKeys.namespaceEpoch(key.namespace()), CacheKeys.keyEpoch(key)};
        String tags = entry.tags().stream().map(Tag::value).sorted().collect(Collectors.joining(" "));
        byte[][] args = {
            entry.value().json(),
            ascii(entry.etag().value()),
            ascii(Long.toString(entry.expiresAt().toEpochMilli())),
            CacheKeys.utf8(tags),
            CacheKeys.utf8(CacheKeys.tagPrefix(key.namespace())),
            CacheKeys.utf8(key.key()),
            ascii(mode),
            ascii(expected == null ? "" : expected.value()),
            now(),
            ascii(since == null ? "" : Long.toString(since.namespaceEpoch())),
            ascii(since == null ? "" : Long.toString(since.keyEpoch())),
            ascii(Long.toString(CacheKeys.KEY_EPOCH_TTL_MILLIS)),
        };
        Long stored = redis.callBinary(c -> PUT.run(c, ScriptOutputType.INTEGER, keys, args));
        return stored != null && stored == 1L;
    }

    @Override
    public boolean delete(CacheKey key) {
        byte[][] keys = {CacheKeys.entry(key), CacheKeys.index(key.namespace())};
        byte[][] args = {CacheKeys.utf8(CacheKeys.tagPrefix(key.namespace())), CacheKeys.utf8(key.key()), now()};
        Long removed = redis.callBinary(c -> DELETE.run(c, ScriptOutputType.INTEGER, keys, args));
        return removed != null && removed == 1L;
    }

    @Override
    public long deleteByPrefix(ResourceName namespace, String prefix) {
        CacheKey.requireValidKey("prefix", prefix);
        byte[] prefixBytes = CacheKeys.utf8(prefix);
        byte[] min = new byte[prefixBytes.length + 1];
        min[0] = '[';
        System.arraycopy(prefixBytes, 0, min, 1, prefixBytes.length);
        // 0xFF never occurs in UTF-8, so every key starting with the prefix sorts below prefix + 0xFF
        byte[] max = new byte[prefixBytes.length + 2];
        max[0] = '(';
        System.arraycopy(prefixBytes, 0, max, 1, prefixBytes.length);
        max[max.length - 1] = (byte) 0xFF;
        return deleteMany(namespace, CacheKeys.index(namespace), "prefix", min, max);
    }

    @Override
    public long deleteByTag(ResourceName namespace, Tag tag) {
        return deleteMany(namespace, CacheKeys.tag(namespace, tag.value()), "tag", new byte[0], new byte[0]);
    }

    @Override
    public long deleteNamespace(ResourceName namespace) {
        return deleteMany(namespace, CacheKeys.index(namespace), "all", new byte[0], new byte[0]);
    }

    private long deleteMany(ResourceName namespace, byte[] source, String mode, byte[] min, byte[] max) {
        byte[][] keys = {CacheKeys.index(namespace), source};
        long removed = 0;
        while (true) {
            byte[][] args = {
                CacheKeys.utf8(CacheKeys.entryPrefix(namespace)),
                CacheKeys.utf8(CacheKeys.tagPrefix(namespace)),
                now(), ascii(mode), min, max, ascii(Integer.toString(BATCH)),
            };
            List<Object> result = redis.callBinary(c -> DELETE_MANY.run(c, ScriptOutputType.MULTI, keys, args));
            removed += (Long) result.get(0);
            if ((Long) result.get(1) < BATCH) {
                return removed;
            }
        }
    }

    private byte[] now() {
        return ascii(Long.toString(clock.now().toEpochMilli()));
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}

package dev.strata.adapters.postgres.cache;

import dev.strata.adapters.postgres.shared.Jdbc;
import dev.strata.domain.cache.CacheEntry;
import dev.strata.domain.cache.CacheKey;
import dev.strata.domain.cache.CacheValue;
import dev.strata.domain.cache.ETag;
import dev.strata.domain.cache.Tag;
import dev.strata.domain.cache.port.CacheStore;
import dev.strata.domain.shared.Clock;
import dev.strata.domain.shared.ResourceName;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.ZoneOffset;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Postgres adapter for {@link CacheStore} (L3, durable namespaces): table {@code cache_entries}, keyed by
 * the key's UTF-8 bytes; tags in an indexed array; expiry filtered on every read and purged in batches
 * by {@link CacheExpiryPurge}.
 */
@Singleton
public class PostgresCacheStore implements CacheStore {
    private static final String COLUMNS = "key, value, etag, tags, expires_at";
    private static final String UPSERT = "insert into cache_entries (tenant_id, namespace, " + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?) "
            + "on conflict (tenant_id, namespace, key) do update set value = excluded.value, etag = excluded.etag, "
            + "tags = excluded.tags, expires_at = excluded.expires_at";

    private final Jdbc jdbc;
    private final Clock clock;

    public PostgresCacheStore(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public Optional<CacheEntry> get(CacheKey key) {
        TenantContext.require();
        // the hot read of L3 (and of every read while Redis is down): one round trip
        return jdbc.readOnce("select " + COLUMNS + " from cache_entries where namespace = ? and key = ? and expires_at > ?",
                (statement, first) -> {
                    statement.setString(first, key.namespace().value());
                    statement.setBytes(first + 1, bytes(key.key()));
                    // typed: an untyped timestamp is mis-inferred once the two-statement read is prepared server-side
                    statement.setObject(first + 2, clock.now().atOffset(ZoneOffset.UTC));
                },
                rows -> rows.next() ? Optional.of(map(key.namespace(), rows)) : Optional.empty());
    }

    @Override
    public Map<CacheKey, CacheEntry> getAll(Collection<CacheKey> keys) {
        TenantContext.require();
        Map<CacheKey, CacheEntry> hits = new LinkedHashMap<>();
        if (keys.isEmpty()) {
            return hits;
        }
        Map<ResourceName, List<CacheKey>> byNamespace = new LinkedHashMap<>();
        keys.forEach(key -> byNamespace.computeIfAbsent(key.namespace(), ns -> new ArrayList<>()).add(key));
        Map<CacheKey, CacheEntry> found = new LinkedHashMap<>();
        jdbc.inTransaction(connection -> {
            for (Map.Entry<ResourceName, List<CacheKey>> group : byNamespace.entrySet()) {
                Array array = connection.createArrayOf("bytea", group.getValue().stream().map(k -> bytes(k.key())).toArray(byte[][]::new));
                try (PreparedStatement statement = connection.prepareStatement(
                        "select " + COLUMNS + " from cache_entries where namespace = ? and key = any(?) and expires_at > ?")) {
                    statement.setString(1, group.getKey().value());
                    statement.setArray(2, array);
                    statement.setTimestamp(3, now());
                    try (ResultSet rows = statement.executeQuery()) {
                        while (rows.next()) {
                            CacheEntry entry = map(group.getKey(), rows);
                            found.put(entry.key(), entry);
                        }
                    }
                }
            }
            return null;
        });
        for (CacheKey key : keys) {
            CacheEntry entry = found.get(key);
            if (entry != null) {
                hits.put(key, entry);
            }
        }
        return hits;
    }

    @Override
    public void put(CacheEntry entry) {
        TenantId tenant = TenantContext.require();
        jdbc.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(UPSERT)) {
                bind(connection, statement, tenant, entry);
                return statement.executeUpdate();
            }
        });
    }

    @Override
    public boolean putIfAbsent(CacheEntry entry) {
        TenantId tenant = TenantContext.require();
        return jdbc.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(UPSERT + " where cache_entries.expires_at <= ?")) {
                bind(connection, statement, tenant, entry);
                statement.setTimestamp(8, now());
                return statement.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean putIfMatch(CacheEntry entry, ETag expected) {
        TenantContext.require();
        return jdbc.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "update cache_entries set value = ?, etag = ?, tags = ?, expires_at = ? "
                            + "where namespace = ? and key = ? and etag = ? and expires_at > ?")) {
                statement.setBytes(1, entry.value().json());
                statement.setString(2, entry.etag().value());
                statement.setArray(3, tags(connection, entry.tags()));
                statement.setTimestamp(4, Timestamp.from(entry.expiresAt()));
                statement.setString(5, entry.key().namespace().value());
                statement.setBytes(6, bytes(entry.key().key()));
                statement.setString(7, expected.value());
                statement.setTimestamp(8, now());
                return statement.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean delete(CacheKey key) {
        return countLive("delete from cache_entries where namespace = ? and key = ? returning expires_at",
                key.namespace().value(), bytes(key.key())) > 0;
    }

    @Override
    public long deleteByPrefix(ResourceName namespace, String prefix) {
        CacheKey.requireValidKey("prefix", prefix);
        byte[] low = bytes(prefix);
        // 0xFF never occurs in UTF-8: every key starting with the prefix sorts below prefix + 0xFF (an index range)
        byte[] high = new byte[low.length + 1];
        System.arraycopy(low, 0, high, 0, low.length);
        high[low.length] = (byte) 0xFF;
        return countLive("delete from cache_entries where namespace = ? and key >= ? and key < ? returning expires_at",
                namespace.value(), low, high);
    }

    @Override
    public long deleteByTag(ResourceName namespace, Tag tag) {
        return countLive("delete from cache_entries where namespace = ? and tags @> array[?]::text[] returning expires_at",
                namespace.value(), tag.value());
    }

    @Override
    public long deleteNamespace(ResourceName namespace) {
        return countLive("delete from cache_entries where namespace = ? returning expires_at", namespace.value());
    }

    /**
     * Deletes up to {@code batch} expired rows of the current tenant; answers how many. Called by the purge
     * job, tenant by tenant (row-level security is forced, so there is no cross-tenant delete).
     */
    public int purgeExpired(int batch) {
        TenantContext.require();
        return jdbc.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "delete from cache_entries where ctid in (select ctid from cache_entries "
                            + "where tenant_id = strata_current_tenant() and expires_at <= ? order by expires_at limit ?)")) {
                statement.setTimestamp(1, now());
                statement.setInt(2, batch);
                return statement.executeUpdate();
            }
        });
    }

    private long countLive(String sql, Object... parameters) {
        TenantContext.require();
        Instant now = clock.now();
        return jdbc.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    statement.setObject(i + 1, parameters[i]);
                }
                long live = 0;
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        live += rows.getTimestamp(1).toInstant().isAfter(now) ? 1 : 0;
                    }
                }
                return live;
            }
        });
    }

    private void bind(Connection connection, PreparedStatement statement, TenantId tenant, CacheEntry entry) throws SQLException {
        statement.setObject(1, tenant.value());
        statement.setString(2, entry.key().namespace().value());
        statement.setBytes(3, bytes(entry.key().key()));
        statement.setBytes(4, entry.value().json());
        statement.setString(5, entry.etag().value());
        statement.setArray(6, tags(connection, entry.tags()));
        statement.setTimestamp(7, Timestamp.from(entry.expiresAt()));
    }

    private static Array tags(Connection connection, Set<Tag> tags) throws SQLException {
        return connection.createArrayOf("text", tags.stream().map(Tag::value).sorted().toArray());
    }

    private static CacheEntry map(ResourceName namespace, ResultSet rows) throws SQLException {
        Set<Tag> tags = new HashSet<>();
        Array array = rows.getArray(4);
        if (array != null) {
            for (Object tag : (Object[]) array.getArray()) {
                tags.add(new Tag((String) tag));
            }
        }
        return new CacheEntry(new CacheKey(namespace, new String(rows.getBytes(1), StandardCharsets.UTF_8)),
                new CacheValue(rows.getBytes(2)), new ETag(rows.getString(3)), rows.getTimestamp(5).toInstant(), tags);
    }

    private Timestamp now() {
        return Timestamp.from(clock.now());
    }

    private static byte[] bytes(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }
}

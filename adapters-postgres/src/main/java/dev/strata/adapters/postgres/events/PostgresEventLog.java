package dev.strata.adapters.postgres.events;

import dev.strata.adapters.postgres.shared.Jdbc;
import dev.strata.adapters.postgres.shared.QuotaGate;
import dev.strata.domain.events.AppendResult;
import dev.strata.domain.events.Event;
import dev.strata.domain.events.IdempotencyKey;
import dev.strata.domain.events.NewEvent;
import dev.strata.domain.events.PendingTopic;
import dev.strata.domain.events.Topic;
import dev.strata.domain.events.port.EventLog;
import dev.strata.domain.events.port.EventOutbox;
import dev.strata.domain.shared.Quota;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Postgres adapter for {@link EventLog} and {@link EventOutbox}: the {@code events} table is the outbox.
 * Appends lock the topic's counter row (so sequences are gap-free and commit in order), join the caller's
 * transaction, and queue the topic for the relay; the relay takes a per-topic advisory lock.
 */
@Singleton
public class PostgresEventLog implements EventLog, EventOutbox {
    private final Jdbc jdbc;

    public PostgresEventLog(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public AppendResult append(Topic topic, NewEvent event, Optional<IdempotencyKey> idempotencyKey) {
        return appendAll(topic, List.of(new Pending(event, idempotencyKey))).get(0);
    }

    /**
     * One transaction for the whole list, and as few round trips as possible while the topic's counter row is
     * locked (the lock serialises the topic's appends, so its hold time bounds the topic's throughput): the
     * rows go in as JDBC batches, keyed events cost one idempotency lookup each.
     */
    @Override
    public List<AppendResult> appendAll(Topic topic, List<Pending> pending) {
        TenantId tenant = TenantContext.require();
        if (pending.isEmpty()) {
            return List.of();
        }
        return jdbc.inTransaction(connection -> {
            // the counter row lock is held to the end of the (possibly the caller's) transaction
            OptionalLong locked = lockCounter(connection, tenant, topic);
            if (locked.isEmpty()) {
                execute(connection, "insert into event_topics (tenant_id, topic) values (?, ?) on conflict do nothing",
                        tenant.value(), topic.value());
                locked = lockCounter(connection, tenant, topic);
            }
            long last = locked.orElseThrow();
            List<AppendResult> results = new ArrayList<>(pending.size());
            List<Event> appended = new ArrayList<>(pending.size());
            Map<IdempotencyKey, Event> keyed = new HashMap<>();
            for (Pending next : pending) {
                Optional<IdempotencyKey> key = next.idempotencyKey();
                if (key.isPresent()) {
                    // idempotency windows are measured on the database's clock, shared by every instance
                    Event first = keyed.get(key.get());
                    if (first == null) {
                        first = remembered(connection, tenant, topic, key.get()).orElse(null);
                    }
                    if (first != null) {
                        results.add(new AppendResult(first, true));
                        continue;
                    }
                }
                Event event = next.event().at(topic, ++last);
                key.ifPresent(k -> keyed.put(k, event));
                appended.add(event);
                results.add(new AppendResult(event, false));
            }
            if (appended.isEmpty()) {
                return results;
            }
            try (PreparedStatement insert = connection.prepareStatement("insert into events (tenant_id, topic, "
                    + EventRows.COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (Event event : appended) {
                    insert.setObject(1, tenant.value());
                    insert.setString(2, topic.value());
                    EventRows.bind(insert, 3, event);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            if (!keyed.isEmpty()) {
                try (PreparedStatement remember = connection.prepareStatement("insert into event_idempotency "
                        + "(tenant_id, topic, key, sequence, expires_at) values (?, ?, ?, ?, now() + ?::interval) "
                        + "on conflict (tenant_id, topic, key) do update set sequence = excluded.sequence, "
                        + "expires_at = excluded.expires_at")) {
                    for (Map.Entry<IdempotencyKey, Event> entry : keyed.entrySet()) {
                        remember.setObject(1, tenant.value());
                        remember.setString(2, topic.value());
                        remember.setString(3, entry.getKey().value());
                        remember.setLong(4, entry.getValue().sequence());
                        remember.setString(5, IDEMPOTENCY_WINDOW.toSeconds() + " seconds");
                        remember.addBatch();
                    }
                    remember.executeBatch();
                }
            }
            // counter and relay routing row in one round trip
            execute(connection, "with counter as (update event_topics set last_sequence = ? where tenant_id = ? "
                            + "and topic = ?) insert into event_relay_queue (tenant_id, topic, up_to_sequence) "
                            + "values (?, ?, ?) on conflict (tenant_id, topic) do update set up_to_sequence = "
                            + "greatest(event_relay_queue.up_to_sequence, excluded.up_to_sequence)",
                    last, tenant.value(), topic.value(), tenant.value(), topic.value(), last);
            return results;
        });
    }

    @Override
    public void registerTopic(Topic topic, Quota quota) {
        TenantId tenant = TenantContext.require();
        jdbc.inTransaction(connection -> {
            QuotaGate.admit(connection, tenant, quota, "event_topics", List.of("topic"), topic.value());
            execute(connection, "insert into event_topics (tenant_id, topic) values (?, ?) on conflict do nothing",
                    tenant.value(), topic.value());
            return null;
        });
    }

    private static OptionalLong lockCounter(Connection connection, TenantId tenant, Topic topic) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(
                "select last_sequence from event_topics where tenant_id = ? and topic = ? for update")) {
            lock.setObject(1, tenant.value());
            lock.setString(2, topic.value());
            try (ResultSet rows = lock.executeQuery()) {
                return rows.next() ? OptionalLong.of(rows.getLong(1)) : OptionalLong.empty();
            }
        }
    }

    private static Optional<Event> remembered(Connection connection, TenantId tenant, Topic topic, IdempotencyKey key)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select " + prefixed("e.")
                + " from event_idempotency k join events e on e.tenant_id = k.tenant_id and e.topic = k.topic "
                + "and e.sequence = k.sequence where k.tenant_id = ? and k.topic = ? and k.key = ? and k.expires_at > now()")) {
            statement.setObject(1, tenant.value());
            statement.setString(2, topic.value());
            statement.setString(3, key.value());
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(EventRows.map(topic, rows)) : Optional.empty();
            }
        }
    }

    private static String prefixed(String alias) {
        return alias + EventRows.COLUMNS.replace(", ", ", " + alias);
    }

    @Override
    public List<Event> readAfter(Topic topic, long afterSequence, int limit) {
        if (afterSequence < 0 || limit < 1) {
            throw new IllegalArgumentException("afterSequence must be >= 0 and limit >= 1");
        }
        TenantContext.require();
        return jdbc.inTransaction(connection -> readAfter(connection, topic, afterSequence, limit));
    }

    private static List<Event> readAfter(Connection connection, Topic topic, long afterSequence, int limit)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select " + EventRows.COLUMNS
                + " from events where tenant_id = strata_current_tenant() and topic = ? and sequence > ? "
                + "order by sequence limit ?")) {
            statement.setString(1, topic.value());
            statement.setLong(2, afterSequence);
            statement.setInt(3, limit);
            List<Event> events = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    events.add(EventRows.map(topic, rows));
                }
            }
            return events;
        }
    }

    @Override
    public List<Event> findByIds(Topic topic, Collection<String> ids) {
        TenantContext.require();
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("select " + EventRows.COLUMNS
                    + " from events where tenant_id = strata_current_tenant() and topic = ? and event_id = any (?) "
                    + "order by sequence")) {
                statement.setString(1, topic.value());
                statement.setArray(2, connection.createArrayOf("text", ids.toArray()));
                List<Event> events = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        events.add(EventRows.map(topic, rows));
                    }
                }
                return events;
            }
        });
    }

    @Override
    public long lastSequence(Topic topic) {
        TenantContext.require();
        return jdbc.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "select last_sequence from event_topics where tenant_id = strata_current_tenant() and topic = ?")) {
                statement.setString(1, topic.value());
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next() ? rows.getLong(1) : 0L;
                }
            }
        });
    }

    @Override
    public List<PendingTopic> pendingTopics(int limit) {
        // a global routing table: readable without a tenant context
        return jdbc.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "select tenant_id, topic from event_relay_queue limit ?")) {
                statement.setInt(1, limit);
                List<PendingTopic> pending = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        pending.add(new PendingTopic(new TenantId(rows.getObject(1, UUID.class)), new Topic(rows.getString(2))));
                    }
                }
                return pending;
            }
        });
    }

    @Override
    public boolean relay(Topic topic, int max, RelayStep step) {
        TenantId tenant = TenantContext.require();
        return jdbc.inTransaction(connection -> {
            try (PreparedStatement lock = connection.prepareStatement(
                    "select pg_try_advisory_xact_lock(hashtext(?), hashtext(?))")) {
                lock.setString(1, "strata.events.relay:" + tenant);
                lock.setString(2, topic.value());
                try (ResultSet rows = lock.executeQuery()) {
                    rows.next();
                    if (!rows.getBoolean(1)) {
                        return false;
                    }
                }
            }
            execute(connection, "insert into event_relay (tenant_id, topic) values (?, ?) on conflict do nothing",
                    tenant.value(), topic.value());
            long relayedBefore;
            try (PreparedStatement statement = connection.prepareStatement(
                    "select relayed_sequence from event_relay where tenant_id = ? and topic = ?")) {
                statement.setObject(1, tenant.value());
                statement.setString(2, topic.value());
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    relayedBefore = rows.getLong(1);
                }
            }
            List<Event> batch = readAfter(connection, topic, relayedBefore, max);
            long relayed = step.relay(relayedBefore, batch);
            if (relayed != relayedBefore) {
                execute(connection, "update event_relay set relayed_sequence = ? where tenant_id = ? and topic = ?",
                        relayed, tenant.value(), topic.value());
            }
            // a publisher that committed meanwhile raised up_to_sequence, which keeps the row
            execute(connection, "delete from event_relay_queue where tenant_id = ? and topic = ? and up_to_sequence <= ?",
                    tenant.value(), topic.value(), relayed);
            return true;
        });
    }

    @Override
    public void rewind(Topic topic, long afterSequence) {
        TenantId tenant = TenantContext.require();
        jdbc.inTransaction(connection -> {
            execute(connection, "update event_relay set relayed_sequence = least(relayed_sequence, ?) "
                    + "where tenant_id = ? and topic = ?", afterSequence, tenant.value(), topic.value());
            long last = 0;
            try (PreparedStatement statement = connection.prepareStatement(
                    "select last_sequence from event_topics where tenant_id = ? and topic = ?")) {
                statement.setObject(1, tenant.value());
                statement.setString(2, topic.value());
                try (ResultSet rows = statement.executeQuery()) {
                    if (rows.next()) {
                        last = rows.getLong(1);
                    }
                }
            }
            if (last > afterSequence) {
                execute(connection, "insert into event_relay_queue (tenant_id, topic, up_to_sequence) values (?, ?, ?) "
                        + "on conflict (tenant_id, topic) do update set up_to_sequence = "
                        + "greatest(event_relay_queue.up_to_sequence, excluded.up_to_sequence)",
                        tenant.value(), topic.value(), last);
            }
            return null;
        });
    }

    @Override
    public int purge(Topic topic, java.time.Instant cutoff) {
        TenantId tenant = TenantContext.require();
        return jdbc.inTransaction(connection -> {
            execute(connection, "delete from event_idempotency where tenant_id = ? and topic = ? and expires_at <= now()",
                    tenant.value(), topic.value());
            try (PreparedStatement statement = connection.prepareStatement("delete from events where tenant_id = ? "
                    + "and topic = ? and time < ? and sequence <= (select coalesce(max(relayed_sequence), 0) "
                    + "from event_relay where tenant_id = ? and topic = ?)")) {
                statement.setObject(1, tenant.value());
                statement.setString(2, topic.value());
                statement.setTimestamp(3, Timestamp.from(cutoff));
                statement.setObject(4, tenant.value());
                statement.setString(5, topic.value());
                return statement.executeUpdate();
            }
        });
    }

    private static void execute(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }
}

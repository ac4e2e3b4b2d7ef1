package dev.strata.adapters.postgres.events;

import static dev.strata.adapters.postgres.events.EventRows.execute;

import dev.strata.adapters.postgres.shared.Jdbc;
import dev.strata.adapters.postgres.shared.QuotaGate;
import dev.strata.domain.events.AppendResult;
import dev.strata.domain.events.Event;
import dev.strata.domain.events.IdempotencyKey;
import dev.strata.domain.events.NewEvent;
import dev.strata.domain.events.Topic;
import dev.strata.domain.events.port.EventLog;
import dev.strata.domain.shared.Quota;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Postgres adapter for {@link EventLog}: {@code events}, the per-topic counter and the idempotency keys.
 * Appends lock the topic's counter row (so sequences are gap-free and commit in order), join the caller's
 * transaction, and queue the topic for the relay ({@link PostgresEventOutbox}) in the same transaction.
 */
@Singleton
public class PostgresEventLog implements EventLog {
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
        return jdbc.inTransaction(connection -> EventRows.readAfter(connection, topic, afterSequence, limit));
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
}

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
import dev.strata.domain.shared.StoreUnavailableException;
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

/**
 * Postgres adapter for {@link EventLog}: {@code events}, the per-topic counter and the idempotency keys.
 * A publish is one autocommit statement that numbers and inserts its rows ({@code strata_events_publish}); an
 * append on commit inserts its rows without a sequence in the caller's transaction, touching no row another
 * appender touches, and {@link EventSequencer} numbers them right after the commit, holding the topic's counter
 * row only for that one statement. Readers see numbered rows only.
 */
@Singleton
public class PostgresEventLog implements EventLog {
    private final Jdbc jdbc;
    private final EventSequencer sequencer;

    public PostgresEventLog(Jdbc jdbc) {
        this.jdbc = jdbc;
        this.sequencer = new EventSequencer(jdbc);
    }

    @Override
    public AppendResult append(Topic topic, NewEvent event, Optional<IdempotencyKey> idempotencyKey) {
        return appendAll(topic, List.of(new Pending(event, idempotencyKey))).get(0);
    }

    /**
     * On its own: ONE statement in autocommit mode ({@code strata_events_publish}) takes the keys, inserts the
     * rows and numbers the topic; the counter row is held from the numbering to that statement's commit, with no
     * round trip in between. Inside a caller's transaction, the numbering runs in that transaction, so the topic's
     * counter row stays locked until it ends: {@link #appendOnCommit} avoids that.
     */
    @Override
    public List<AppendResult> appendAll(Topic topic, List<Pending> pending) {
        TenantContext.require();
        if (pending.isEmpty()) {
            return List.of();
        }
        if (jdbc.inTransaction()) {
            return jdbc.inTransaction(connection -> {
                Inserted inserted = insert(connection, topic, pending);
                return resolve(topic, inserted, sequencer.sequence(connection, topic, inserted.ids()));
            });
        }
        return publish(topic, pending);
    }

    private List<AppendResult> publish(Topic topic, List<Pending> pending) {
        TenantId tenant = TenantContext.require();
        // a key repeated within the list replays the first event that carries it: only that one goes to the database
        List<NewEvent> candidates = new ArrayList<>(pending.size());
        List<String> keys = new ArrayList<>(pending.size());
        Map<IdempotencyKey, Integer> firstWithKey = new HashMap<>();
        int[] candidateOf = new int[pending.size()];
        for (int i = 0; i < pending.size(); i++) {
            Pending next = pending.get(i);
            Optional<IdempotencyKey> key = next.idempotencyKey();
            Integer first = key.map(firstWithKey::get).orElse(null);
            if (first != null) {
                candidateOf[i] = -1 - first;
                continue;
            }
            candidateOf[i] = candidates.size();
            key.ifPresent(k -> firstWithKey.put(k, candidates.size()));
            candidates.add(next.event());
            keys.add(key.map(IdempotencyKey::value).orElse(null));
        }
        int n = candidates.size();
        String[] ids = new String[n];
        String[] sources = new String[n];
        String[] types = new String[n];
        String[] subjects = new String[n];
        Long[] micros = new Long[n];
        byte[][] data = new byte[n][];
        for (int i = 0; i < n; i++) {
            NewEvent event = candidates.get(i);
            ids[i] = event.id();
            sources[i] = event.source();
            types[i] = event.type();
            subjects[i] = event.subject().orElse(null);
            micros[i] = Math.addExact(Math.multiplyExact(event.time().getEpochSecond(), 1_000_000L),
                    event.time().getNano() / 1_000);
            data[i] = event.data();
        }
        String[] outIds = new String[n];
        long[] outSequences = new long[n];
        boolean[] outReplayed = new boolean[n];
        jdbc.inAutoCommit(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("select ord, out_event_id, out_sequence, "
                    + "out_replayed from strata_events_publish(?, ?, ?, ?, ?, ?, ?, ?, ?, ?::interval)")) {
                statement.setObject(1, tenant.value());
                statement.setString(2, topic.value());
                statement.setArray(3, connection.createArrayOf("text", ids));
                statement.setArray(4, connection.createArrayOf("text", keys.toArray(String[]::new)));
                statement.setArray(5, connection.createArrayOf("text", sources));
                statement.setArray(6, connection.createArrayOf("text", types));
                statement.setArray(7, connection.createArrayOf("text", subjects));
                statement.setArray(8, connection.createArrayOf("bigint", micros));
                statement.setArray(9, connection.createArrayOf("bytea", data));
                statement.setString(10, IDEMPOTENCY_WINDOW.toSeconds() + " seconds");
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        int i = rows.getInt(1) - 1;
                        outIds[i] = rows.getString(2);
                        outSequences[i] = rows.getLong(3);
                        if (rows.wasNull()) {
                            outSequences[i] = 0;
                        }
                        outReplayed[i] = rows.getBoolean(4);
                    }
                }
            }
            return null;
        });
        List<String> replayedIds = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (outReplayed[i]) {
                replayedIds.add(outIds[i]);
            }
        }
        Map<String, Event> replays = new HashMap<>();
        if (!replayedIds.isEmpty()) {
            findByIds(topic, replayedIds).forEach(e -> replays.put(e.id(), e));
        }
        AppendResult[] byCandidate = new AppendResult[n];
        for (int i = 0; i < n; i++) {
            Event event = outReplayed[i] ? replays.get(outIds[i])
                    : outSequences[i] > 0 ? candidates.get(i).at(topic, outSequences[i]) : null;
            if (event == null) {
                throw new StoreUnavailableException("postgres", "an appended event has no sequence",
                        new IllegalStateException("event without a sequence"));
            }
            byCandidate[i] = new AppendResult(event, outReplayed[i]);
        }
        List<AppendResult> results = new ArrayList<>(pending.size());
        for (int i = 0; i < pending.size(); i++) {
            int c = candidateOf[i];
            results.add(c >= 0 ? byCandidate[c] : new AppendResult(byCandidate[-1 - c].event(), true));
        }
        return results;
    }

    /** Inserts unnumbered; numbered right after the caller's commit (and by the relay should that not happen). */
    @Override
    public void appendOnCommit(Topic topic, List<Pending> pending) {
        TenantId tenant = TenantContext.require();
        if (pending.isEmpty()) {
            return;
        }
        if (!jdbc.inTransaction()) {
            appendAll(topic, pending);
            return;
        }
        jdbc.inTransaction(connection -> insert(connection, topic, pending));
        jdbc.afterCommit(() -> sequencer.sequenceQuietly(tenant, topic));
    }

    /** What one append transaction wrote: per pending event, the id it stands for and whether that is a replay. */
    private record Inserted(List<String> eventIds, List<Boolean> replayed, Map<String, NewEvent> appended) {
        List<String> ids() {
            return eventIds.stream().distinct().toList();
        }
    }

    private static Inserted insert(Connection connection, Topic topic, List<Pending> pending) throws SQLException {
        TenantId tenant = TenantContext.require();
        List<String> ids = new ArrayList<>(pending.size());
        List<Boolean> replayed = new ArrayList<>(pending.size());
        List<NewEvent> appended = new ArrayList<>(pending.size());
        Map<IdempotencyKey, String> keyed = new HashMap<>();
        Map<String, NewEvent> byId = new HashMap<>();
        for (Pending next : pending) {
            Optional<IdempotencyKey> key = next.idempotencyKey();
            if (key.isPresent()) {
                // idempotency windows are measured on the database's clock, shared by every instance
                String first = keyed.get(key.get());
                if (first == null) {
                    first = claim(connection, tenant, topic, key.get(), next.event().id()).orElse(null);
                    if (first == null) {
                        keyed.put(key.get(), next.event().id());
                    }
                }
                if (first != null) {
                    ids.add(first);
                    replayed.add(true);
                    continue;
                }
            }
            appended.add(next.event());
            byId.put(next.event().id(), next.event());
            ids.add(next.event().id());
            replayed.add(false);
        }
        if (!appended.isEmpty()) {
            try (PreparedStatement insert = connection.prepareStatement("insert into events (tenant_id, topic, "
                    + "event_id, source, type, subject, time, data) values (?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (NewEvent event : appended) {
                    insert.setObject(1, tenant.value());
                    insert.setString(2, topic.value());
                    EventRows.bindNew(insert, 3, event);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
        return new Inserted(ids, replayed, byId);
    }

    /**
     * Takes the key for {@code eventId}, or answers the id of the event that holds it. A concurrent transaction
     * holding the same key makes this wait for its end (the key's unique index): no two events ever get one key.
     */
    private static Optional<String> claim(Connection connection, TenantId tenant, Topic topic, IdempotencyKey key,
                                          String eventId) throws SQLException {
        try (PreparedStatement take = connection.prepareStatement("insert into event_idempotency "
                + "(tenant_id, topic, key, event_id, expires_at) values (?, ?, ?, ?, now() + ?::interval) "
                + "on conflict (tenant_id, topic, key) do update set event_id = excluded.event_id, "
                + "expires_at = excluded.expires_at where event_idempotency.expires_at <= now() "
                + "returning event_id")) {
            take.setObject(1, tenant.value());
            take.setString(2, topic.value());
            take.setString(3, key.value());
            take.setString(4, eventId);
            take.setString(5, IDEMPOTENCY_WINDOW.toSeconds() + " seconds");
            try (ResultSet rows = take.executeQuery()) {
                if (rows.next()) {
                    return Optional.empty();
                }
            }
        }
        try (PreparedStatement holder = connection.prepareStatement(
                "select event_id from event_idempotency where tenant_id = ? and topic = ? and key = ?")) {
            holder.setObject(1, tenant.value());
            holder.setString(2, topic.value());
            holder.setString(3, key.value());
            try (ResultSet rows = holder.executeQuery()) {
                if (!rows.next()) {
                    throw new SQLException("idempotency key vanished while taken", "40001");
                }
                return Optional.of(rows.getString(1));
            }
        }
    }

    private List<AppendResult> resolve(Topic topic, Inserted inserted, Map<String, Long> sequences) {
        List<String> earlier = inserted.ids().stream().filter(id -> !inserted.appended().containsKey(id)).toList();
        Map<String, Event> replays = new HashMap<>();
        if (!earlier.isEmpty()) {
            findByIds(topic, earlier).forEach(e -> replays.put(e.id(), e));
        }
        List<AppendResult> results = new ArrayList<>(inserted.eventIds().size());
        for (int i = 0; i < inserted.eventIds().size(); i++) {
            String id = inserted.eventIds().get(i);
            NewEvent appended = inserted.appended().get(id);
            Long sequence = sequences.get(id);
            Event event = appended != null && sequence != null ? appended.at(topic, sequence) : replays.get(id);
            if (event == null) {
                // committed, yet not numbered: cannot happen while the sequencer numbers every committed row
                throw new StoreUnavailableException("postgres", "an appended event has no sequence",
                        new IllegalStateException("event without a sequence"));
            }
            results.add(new AppendResult(event, inserted.replayed().get(i)));
        }
        return results;
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
                    + "and sequence is not null "
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

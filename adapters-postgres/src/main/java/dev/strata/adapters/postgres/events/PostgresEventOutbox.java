package dev.strata.adapters.postgres.events;

import static dev.strata.adapters.postgres.events.EventRows.execute;

import dev.strata.adapters.postgres.shared.Jdbc;
import dev.strata.domain.events.Event;
import dev.strata.domain.events.PendingTopic;
import dev.strata.domain.events.Topic;
import dev.strata.domain.events.port.EventOutbox;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Postgres adapter for {@link EventOutbox}: the {@code events} table is the outbox. {@code event_relay_queue}
 * routes the relay to topics with pending events (appends of {@link PostgresEventLog} fill it),
 * {@code event_relay} keeps each topic's relayed position, and a per-topic advisory lock is the relay's lease.
 */
@Singleton
public class PostgresEventOutbox implements EventOutbox {
    private final Jdbc jdbc;
    private final EventSequencer sequencer;

    public PostgresEventOutbox(Jdbc jdbc) {
        this.jdbc = jdbc;
        this.sequencer = new EventSequencer(jdbc);
    }

    /**
     * Asks {@code strata_events_unsequenced_topics} for topics with committed events nobody numbered and numbers
     * them. Events whose appender is numbering them right now are found too, and numbered by whichever comes
     * first: the relay calls this only now and then ({@code RelayEventsService}).
     */
    @Override
    public int numberStragglers(int limit) {
        // the function answers for no tenant in particular: one autocommit statement, no tenant setting
        List<PendingTopic> unsequenced = topics("select tenant_id, topic from strata_events_unsequenced_topics(?)", limit);
        for (PendingTopic topic : unsequenced) {
            sequencer.sequenceQuietly(topic.tenant(), topic.topic());
        }
        return unsequenced.size();
    }

    /** The topics queued for the relay (numbered events not yet relayed). */
    @Override
    public List<PendingTopic> pendingTopics(int limit) {
        // a global routing table: readable without a tenant context
        return topics("select tenant_id, topic from event_relay_queue limit ?", limit);
    }

    /** (tenant, topic) rows of a query with one parameter, its limit; in the caller's transaction if there is one. */
    private List<PendingTopic> topics(String sql, int limit) {
        Jdbc.Work<List<PendingTopic>> read = connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setInt(1, limit);
                List<PendingTopic> topics = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        topics.add(new PendingTopic(new TenantId(rows.getObject(1, UUID.class)), new Topic(rows.getString(2))));
                    }
                }
                return topics;
            }
        };
        return jdbc.inTransaction() ? jdbc.inTransaction(read) : jdbc.inAutoCommit(read);
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
            List<Event> batch = EventRows.readAfter(connection, topic, relayedBefore, max);
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
    public int purge(Topic topic, Instant cutoff) {
        TenantId tenant = TenantContext.require();
        return jdbc.inTransaction(connection -> {
            execute(connection, "delete from event_idempotency where tenant_id = ? and topic = ? and expires_at <= now()",
                    tenant.value(), topic.value());
            int purged;
            try (PreparedStatement statement = connection.prepareStatement("delete from events where tenant_id = ? "
                    + "and topic = ? and time < ? and sequence <= (select coalesce(max(relayed_sequence), 0) "
                    + "from event_relay where tenant_id = ? and topic = ?)")) {
                statement.setObject(1, tenant.value());
                statement.setString(2, topic.value());
                statement.setTimestamp(3, Timestamp.from(cutoff));
                statement.setObject(4, tenant.value());
                statement.setString(5, topic.value());
                purged = statement.executeUpdate();
            }
            if (purged > 0) {
                // a key whose event is gone can replay nothing: the next publish with it appends anew
                execute(connection, "delete from event_idempotency k where k.tenant_id = ? and k.topic = ? and not exists "
                        + "(select 1 from events e where e.tenant_id = k.tenant_id and e.topic = k.topic "
                        + "and e.event_id = k.event_id)", tenant.value(), topic.value());
            }
            return purged;
        });
    }
}

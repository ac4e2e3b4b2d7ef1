package dev.strata.adapters.postgres.events;

import dev.strata.adapters.postgres.shared.Jdbc;
import dev.strata.domain.events.Topic;
import dev.strata.domain.shared.GroupCommit;
import dev.strata.domain.shared.TenantId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Numbers a topic's committed, unnumbered events: one call of {@code strata_events_sequence}, which holds the
 * topic's counter row only while it runs (and, on its own, until its commit right after).
 */
final class EventSequencer {
    private static final Logger LOG = Logger.getLogger(EventSequencer.class.getName());

    /** No bound of its own: a batch is only requests that wait for one statement, whatever their number. */
    private static final int ANY_NUMBER = Integer.MAX_VALUE;

    private final Jdbc jdbc;
    /**
     * The numberings after commit, one statement per tenant and topic in flight on this instance: requests that come
     * while one runs wait for the next, which numbers all their events at once (each came after its commit, so that
     * statement sees its rows). Under load this turns one statement per appender, queueing on the counter row, into
     * one per round.
     */
    private final GroupCommit<TenantTopic, Boolean, Boolean> numberings =
            new GroupCommit<>(ANY_NUMBER, 1, (key, requests) -> {
                sequenceAs(key.tenant(), key.topic());
                return Collections.nCopies(requests.size(), Boolean.TRUE);
            });

    private record TenantTopic(TenantId tenant, Topic topic) {
    }

    EventSequencer(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Numbers the topic in a transaction of its own; answers the sequences of the events {@code ids} names. */
    Map<String, Long> sequence(Topic topic, Collection<String> ids) {
        return jdbc.inTransaction(connection -> sequence(connection, topic, ids));
    }

    /** Numbers the topic on {@code connection}, in whatever transaction it is in. */
    Map<String, Long> sequence(Connection connection, Topic topic, Collection<String> ids) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "select event_id, sequence from strata_events_sequence(?, ?)")) {
            statement.setString(1, topic.value());
            statement.setArray(2, connection.createArrayOf("text", ids.toArray()));
            Map<String, Long> sequences = new HashMap<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    sequences.put(rows.getString(1), rows.getLong(2));
                }
            }
            return sequences;
        }
    }

    /**
     * Numbers the topic as {@code tenant}, in one autocommit statement; outside any transaction only. A failure is
     * left to the relay, which numbers whatever remains.
     */
    void sequenceQuietly(TenantId tenant, Topic topic) {
        try {
            numberings.submit(new TenantTopic(tenant, topic), Boolean.TRUE);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "events left for the relay to number: " + e.getClass().getSimpleName());
        }
    }

    private void sequenceAs(TenantId tenant, Topic topic) {
        jdbc.inAutoCommit(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("select strata_events_sequence_as(?, ?)")) {
                statement.setObject(1, tenant.value());
                statement.setString(2, topic.value());
                statement.execute();
            }
            return null;
        });
    }
}

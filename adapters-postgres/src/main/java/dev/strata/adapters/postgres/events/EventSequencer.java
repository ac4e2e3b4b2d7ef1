package dev.strata.adapters.postgres.events;

import dev.strata.adapters.postgres.shared.Jdbc;
import dev.strata.domain.events.Topic;
import dev.strata.domain.shared.TenantId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
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

    private final Jdbc jdbc;

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
            jdbc.inAutoCommit(connection -> {
                try (PreparedStatement statement = connection.prepareStatement("select strata_events_sequence_as(?, ?)")) {
                    statement.setObject(1, tenant.value());
                    statement.setString(2, topic.value());
                    statement.execute();
                }
                return null;
            });
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "events left for the relay to number: " + e.getClass().getSimpleName());
        }
    }
}

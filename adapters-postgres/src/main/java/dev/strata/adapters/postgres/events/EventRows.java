package dev.strata.adapters.postgres.events;

import dev.strata.domain.events.Event;
import dev.strata.domain.events.NewEvent;
import dev.strata.domain.events.Topic;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Row mapping of events and the statements the log, the outbox and the dead letters share. */
final class EventRows {
    static final String COLUMNS = "sequence, event_id, source, type, subject, time, data";

    private EventRows() {
    }

    static Event map(Topic topic, ResultSet rows) throws SQLException {
        return new Event(topic, rows.getLong("sequence"), rows.getString("event_id"), rows.getString("source"),
                rows.getString("type"), Optional.ofNullable(rows.getString("subject")),
                rows.getTimestamp("time").toInstant(), rows.getBytes("data"));
    }

    /** Binds sequence, event_id, source, type, subject, time, data from parameter {@code first} on. */
    static int bind(PreparedStatement statement, int first, Event event) throws SQLException {
        int i = first;
        statement.setLong(i++, event.sequence());
        statement.setString(i++, event.id());
        statement.setString(i++, event.source());
        statement.setString(i++, event.type());
        statement.setString(i++, event.subject().orElse(null));
        statement.setTimestamp(i++, Timestamp.from(event.time()));
        statement.setBytes(i++, event.data());
        return i;
    }

    /** Binds event_id, source, type, subject, time, data of a not yet numbered event from parameter {@code first} on. */
    static int bindNew(PreparedStatement statement, int first, NewEvent event) throws SQLException {
        int i = first;
        statement.setString(i++, event.id());
        statement.setString(i++, event.source());
        statement.setString(i++, event.type());
        statement.setString(i++, event.subject().orElse(null));
        statement.setTimestamp(i++, Timestamp.from(event.time()));
        statement.setBytes(i++, event.data());
        return i;
    }

    /** The topic's events after {@code afterSequence} in order, at most {@code limit}, on {@code connection}. */
    static List<Event> readAfter(Connection connection, Topic topic, long afterSequence, int limit)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select " + COLUMNS
                + " from events where tenant_id = strata_current_tenant() and topic = ? and sequence > ? "
                + "order by sequence limit ?")) {
            statement.setString(1, topic.value());
            statement.setLong(2, afterSequence);
            statement.setInt(3, limit);
            List<Event> events = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    events.add(map(topic, rows));
                }
            }
            return events;
        }
    }

    /** Runs one update statement with positional {@code parameters}. */
    static void execute(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }
}

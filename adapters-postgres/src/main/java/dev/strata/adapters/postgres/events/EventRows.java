package dev.strata.adapters.postgres.events;

import dev.strata.domain.events.Event;
import dev.strata.domain.events.Topic;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;

/** Row mapping of events, shared by the log and the dead letters. */
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
}

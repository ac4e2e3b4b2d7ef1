package dev.strata.adapters.postgres.jobs;

import dev.strata.domain.jobs.Backoff;
import dev.strata.domain.jobs.BackoffType;
import dev.strata.domain.jobs.Job;
import dev.strata.domain.jobs.JobId;
import dev.strata.domain.jobs.JobState;
import dev.strata.domain.jobs.Progress;
import dev.strata.domain.jobs.QueueName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Row mapping of jobs and the statement helpers the queue and the schedules share. */
final class JobRows {
    /** The columns {@link #map} reads, qualified by {@code j}. */
    static final String COLUMNS = "j.id, j.seq, j.queue, j.type, j.payload, j.secret_payload, j.state, j.priority, "
            + "j.attempts, j.max_attempts, j.backoff_type, j.backoff_base_seconds, j.backoff_max_seconds, "
            + "j.timeout_seconds, j.unique_key, j.progress, j.progress_message, j.last_error, j.result, j.worker, "
            + "j.lease_until, j.created_at, j.run_at, j.started_at, j.finished_at, j.updated_at";

    private JobRows() {
    }

    static Job map(ResultSet rows) throws SQLException {
        return new Job(new JobId(rows.getObject("id", UUID.class)), new QueueName(rows.getString("queue")),
                rows.getString("type"), rows.getString("payload"), rows.getBoolean("secret_payload"),
                JobState.fromWire(rows.getString("state")), rows.getInt("priority"), rows.getInt("attempts"),
                rows.getInt("max_attempts"),
                new Backoff(BackoffType.fromWire(rows.getString("backoff_type")), rows.getInt("backoff_base_seconds"),
                        rows.getInt("backoff_max_seconds")),
                rows.getInt("timeout_seconds"), Optional.ofNullable(rows.getString("unique_key")),
                new Progress(rows.getInt("progress"), Optional.ofNullable(rows.getString("progress_message"))),
                Optional.ofNullable(rows.getString("last_error")), Optional.ofNullable(rows.getString("result")),
                Optional.ofNullable(rows.getString("worker")), instant(rows, "lease_until"),
                rows.getTimestamp("created_at").toInstant(), rows.getTimestamp("run_at").toInstant(),
                instant(rows, "started_at"), instant(rows, "finished_at"), rows.getTimestamp("updated_at").toInstant());
    }

    private static Optional<Instant> instant(ResultSet rows, String column) throws SQLException {
        Timestamp value = rows.getTimestamp(column);
        return value == null ? Optional.empty() : Optional.of(value.toInstant());
    }

    /** Binds {@code parameters} from position 1: instants as timestamps, everything else as itself. */
    static PreparedStatement bind(PreparedStatement statement, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            Object value = parameters[i];
            if (value instanceof Instant instant) {
                statement.setTimestamp(i + 1, Timestamp.from(instant));
            } else if (value instanceof String[] strings) {
                statement.setArray(i + 1, statement.getConnection().createArrayOf("text", strings));
            } else {
                statement.setObject(i + 1, value);
            }
        }
        return statement;
    }

    /** Runs an update with positional {@code parameters}; returns the rows changed. */
    static int update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = bind(connection.prepareStatement(sql), parameters)) {
            return statement.executeUpdate();
        }
    }

    /** A row mapped by {@code mapper} per result row. */
    interface Mapper<T> {
        T map(ResultSet rows) throws SQLException;
    }

    static <T> List<T> query(Connection connection, String sql, Mapper<T> mapper, Object... parameters)
            throws SQLException {
        try (PreparedStatement statement = bind(connection.prepareStatement(sql), parameters);
             ResultSet rows = statement.executeQuery()) {
            List<T> result = new ArrayList<>();
            while (rows.next()) {
                result.add(mapper.map(rows));
            }
            return result;
        }
    }

    static <T> Optional<T> one(Connection connection, String sql, Mapper<T> mapper, Object... parameters)
            throws SQLException {
        List<T> rows = query(connection, sql, mapper, parameters);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }
}

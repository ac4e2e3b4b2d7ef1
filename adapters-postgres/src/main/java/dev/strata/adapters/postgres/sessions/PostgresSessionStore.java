package dev.strata.adapters.postgres.sessions;

import dev.strata.adapters.postgres.shared.Jdbc;
import dev.strata.domain.sessions.Session;
import dev.strata.domain.sessions.SessionId;
import dev.strata.domain.sessions.port.SessionStore;
import dev.strata.domain.shared.Clock;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import dev.strata.domain.shared.UserId;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Postgres adapter for {@link SessionStore}: the durable copy of sessions ({@code sessions}, RLS).
 * Expired rows are invisible to every method and removed by {@link #purgeExpired}.
 */
@Singleton
@Named("durable")
public class PostgresSessionStore implements SessionStore {
    private static final String COLUMNS = "session_id, user_id, data, created_at, expires_at, last_seen_at";
    private final Jdbc jdbc;
    private final Clock clock;

    public PostgresSessionStore(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public void create(Session session) {
        TenantId tenant = TenantContext.require();
        jdbc.inTransaction(connection -> {
            if (!session.isLiveAt(clock.now())) {
                try (PreparedStatement delete = connection.prepareStatement("delete from sessions where session_id = ?")) {
                    delete.setString(1, session.id().value());
                    return delete.executeUpdate();
                }
            }
            try (PreparedStatement statement = connection.prepareStatement(
                    "insert into sessions (tenant_id, " + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?) "
                            + "on conflict (tenant_id, session_id) do update set user_id = excluded.user_id, data = excluded.data, "
                            + "created_at = excluded.created_at, expires_at = excluded.expires_at, last_seen_at = excluded.last_seen_at")) {
                statement.setObject(1, tenant.value());
                bind(statement, 2, session);
                return statement.executeUpdate();
            }
        });
    }

    @Override
    public Optional<Session> find(SessionId id) {
        TenantContext.require();
        return jdbc.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "select " + COLUMNS + " from sessions where session_id = ? and expires_at > ?")) {
                statement.setString(1, id.value());
                statement.setTimestamp(2, Timestamp.from(clock.now()));
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next() ? Optional.of(map(rows)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public Optional<Session> touch(SessionId id, Instant seenAt, Instant expiresAt) {
        TenantContext.require();
        return jdbc.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "update sessions set last_seen_at = ?, expires_at = ? where session_id = ? and expires_at > ? returning " + COLUMNS)) {
                statement.setTimestamp(1, Timestamp.from(seenAt));
                statement.setTimestamp(2, Timestamp.from(expiresAt));
                statement.setString(3, id.value());
                statement.setTimestamp(4, Timestamp.from(clock.now()));
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next() ? Optional.of(map(rows)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public boolean update(Session session) {
        TenantContext.require();
        return jdbc.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "update sessions set user_id = ?, data = ?, created_at = ?, expires_at = ?, last_seen_at = ? "
                            + "where session_id = ? and expires_at > ?")) {
                statement.setString(1, session.userId().value());
                statement.setBytes(2, session.data());
                statement.setTimestamp(3, Timestamp.from(session.createdAt()));
                statement.setTimestamp(4, Timestamp.from(session.expiresAt()));
                statement.setTimestamp(5, Timestamp.from(session.lastSeenAt()));
                statement.setString(6, session.id().value());
                statement.setTimestamp(7, Timestamp.from(clock.now()));
                return statement.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean delete(SessionId id) {
        TenantContext.require();
        return jdbc.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "delete from sessions where session_id = ? returning expires_at")) {
                statement.setString(1, id.value());
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next() && rows.getTimestamp(1).toInstant().isAfter(clock.now());
                }
            }
        });
    }

    @Override
    public List<Session> listByUser(UserId userId, Optional<SessionId> afterId, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        TenantContext.require();
        return jdbc.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "select " + COLUMNS + " from sessions where user_id = ? and session_id > ? and expires_at > ? "
                            + "order by session_id limit ?")) {
                statement.setString(1, userId.value());
                statement.setString(2, afterId.map(SessionId::value).orElse(""));
                statement.setTimestamp(3, Timestamp.from(clock.now()));
                statement.setInt(4, limit);
                List<Session> result = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        result.add(map(rows));
                    }
                }
                return result;
            }
        });
    }

    @Override
    public int deleteByUser(UserId userId) {
        TenantContext.require();
        return jdbc.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "with ended as (delete from sessions where user_id = ? returning expires_at) "
                            + "select count(*) filter (where expires_at > ?) from ended")) {
                statement.setString(1, userId.value());
                statement.setTimestamp(2, Timestamp.from(clock.now()));
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    return rows.getInt(1);
                }
            }
        });
    }

    /**
     * Deletes expired sessions, spent or expired refresh tokens, used or expired reset tokens and idle
     * lockout rows of every tenant, one tenant-scoped transaction per tenant (row-level security binds
     * Strata's role too). Answers how many sessions were removed.
     */
    public int purgeExpired(Instant now) {
        List<UUID> tenants = jdbc.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("select id from tenants");
                 ResultSet rows = statement.executeQuery()) {
                List<UUID> ids = new ArrayList<>();
                while (rows.next()) {
                    ids.add(rows.getObject(1, UUID.class));
                }
                return ids;
            }
        });
        int purged = 0;
        for (UUID tenant : tenants) {
            purged += TenantContext.callAs(new TenantId(tenant), () -> jdbc.inTransaction(connection -> {
                Timestamp at = Timestamp.from(now);
                int sessions = execute(connection, "delete from sessions where expires_at <= ?", at);
                execute(connection, "delete from refresh_tokens where expires_at <= ? or spent_at is not null and spent_at <= ?::timestamptz - interval '1 day'", at, at);
                execute(connection, "delete from password_resets where expires_at <= ?", at);
                execute(connection, "delete from login_lockouts where window_started_at <= ?::timestamptz - interval '1 day' "
                        + "and (locked_until is null or locked_until <= ?)", at, at);
                return sessions;
            }));
        }
        return purged;
    }

    private static int execute(java.sql.Connection connection, String sql, Timestamp... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setTimestamp(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        }
    }

    private static void bind(PreparedStatement statement, int first, Session session) throws SQLException {
        statement.setString(first, session.id().value());
        statement.setString(first + 1, session.userId().value());
        statement.setBytes(first + 2, session.data());
        statement.setTimestamp(first + 3, Timestamp.from(session.createdAt()));
        statement.setTimestamp(first + 4, Timestamp.from(session.expiresAt()));
        statement.setTimestamp(first + 5, Timestamp.from(session.lastSeenAt()));
    }

    private static Session map(ResultSet rows) throws SQLException {
        return new Session(new SessionId(rows.getString(1)), new UserId(rows.getString(2)), rows.getBytes(3),
                rows.getTimestamp(4).toInstant(), rows.getTimestamp(5).toInstant(), rows.getTimestamp(6).toInstant());
    }
}
